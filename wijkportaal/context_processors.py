"""Template context every page needs: the municipality and the navigation."""

from django.conf import settings

from wijkportaal.navigation import menu_voor


def portaal(request):
    return {
        "gemeente_naam": settings.GEMEENTE_NAAM,
        "demo_modus": settings.DEMO,
        # A page whose address lies under another menu entry than its breadcrumbs (the
        # triage page, reached from the work queue) says where it belongs.
        "hoofdmenu": menu_voor(request.user, getattr(request, "menu_onder", request.path)),
    }
