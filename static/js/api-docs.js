/* The read API's docs page (templates/opendata/api_docs.html): Swagger UI with the settings
   from the page's JSON data block, as django-ninja's swagger-ui-init.js does (a file, not an
   inline script, so the CSP stays as it is). The description's own title and text are not
   rendered: the page's heading and introduction say it, and a page has one h1. */
(function () {
  "use strict";
  var instellingen = JSON.parse(document.getElementById("swagger-settings").textContent);
  var zonderInfo = function () {
    var niets = function () { return function () { return null; }; };
    return { wrapComponents: { InfoContainer: niets, info: niets } };
  };
  instellingen.dom_id = "#swagger-ui";
  instellingen.presets = [SwaggerUIBundle.presets.apis, SwaggerUIBundle.SwaggerUIStandalonePreset];
  instellingen.plugins = [zonderInfo];
  // Swagger UI's highlighting themes colour parts of an answer below WCAG AA contrast on
  // their dark background (agate's numbers: 3.5:1); plain text is light on dark (12:1).
  instellingen.syntaxHighlight = { activated: false };
  SwaggerUIBundle(instellingen);

  // What Swagger UI renders without an accessible name or keyboard access, mended as it
  // appears (it renders an operation's details only when opened): a parameter's choice
  // list gets the parameter's name, a scrolling code example a place in the tab order, a
  // copy button (an icon only) a name.
  var herstel = function () {
    document.querySelectorAll(".copy-to-clipboard > button:not([aria-label])").forEach(function (knop) {
      knop.setAttribute("aria-label", "Copy to clipboard");
    });
    document.querySelectorAll("tr[data-param-name] select:not([aria-label])").forEach(function (lijst) {
      lijst.setAttribute("aria-label", lijst.closest("tr").getAttribute("data-param-name"));
    });
    document.querySelectorAll(".highlight-code > pre:not([tabindex])").forEach(function (code) {
      code.setAttribute("tabindex", "0");
    });
  };
  new MutationObserver(herstel).observe(document.getElementById("swagger-ui"), {
    childList: true,
    subtree: true,
  });
})();
