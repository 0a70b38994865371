"""URL configuration: the composition pages here, each app's pages under its own prefix."""

from allauth.account.decorators import secure_admin_login
from django.conf import settings
from django.contrib import admin
from django.urls import include, path

from opendata import api as opendata_api
from wijkportaal import views, views_dashboard

# The admin has no login of its own: it sends people through the portal's sign-in, with
# its rate limits and second factor.
admin.site.login = secure_admin_login(admin.site.login)
admin.site.site_header = "Wijkportaal"

urlpatterns = [
    path("", views.home, name="home"),
    path("healthz", views.healthz, name="healthz"),
    path("toegankelijkheid/", views.toegankelijkheid, name="toegankelijkheid"),
    path("privacy/", views.privacy, name="privacy"),
    path("dashboard/", views_dashboard.wijkdashboard, name="wijkdashboard"),
    path("dashboard/<str:code>/", views_dashboard.wijkdashboard_wijk, name="wijkdashboard_wijk"),
    path(
        "dashboard/<str:code>/onderwerpen/",
        views_dashboard.wijkdashboard_onderwerpen,
        name="wijkdashboard_onderwerpen",
    ),
    path("dashboard/<str:code>/rapport/", views_dashboard.wijkrapport, name="wijkrapport"),
    path("collegeoverzicht/", views_dashboard.collegeoverzicht, name="collegeoverzicht"),
    path("wijken/", include("wijken.urls")),
    path("initiatieven/", include("initiatieven.urls")),
    path("meedenken/", include("meedenken.urls")),
    path("vergaderingen/", include("contacten.urls")),
    path("bezoeken/", include("initiatieven.urls_bezoeken")),
    path("contactmomenten/", include("contacten.urls_contactmomenten")),
    path("mijn-gegevens/", include("wijkportaal.urls_mijngegevens")),
    path("", include("opendata.urls")),
    # The read API, versioned in its address: a change that breaks clients gets /api/v2/.
    # Here, not in opendata.urls, because Django Ninja names its own namespace (api-v1).
    path("api/v1/", opendata_api.urls),
    path("account/", include("allauth.urls")),
    path("i18n/", include("django.conf.urls.i18n")),
    path("beheer/", admin.site.urls),
]

if settings.BENCHMARK:
    # The benchmark's baseline page: only in a `make bench` run, never in production.
    urlpatterns.append(path("basislijn", views.basislijn, name="basislijn"))

handler403 = "wijkportaal.views.fout_403"
handler404 = "wijkportaal.views.fout_404"
handler500 = "wijkportaal.views.fout_500"
