"""Template context every page needs: the municipality and the navigation."""

from django.conf import settings

from wijkportaal.navigation import menu_voor


def portaal(request):
    return {
        "gemeente_naam": settings.GEMEENTE_NAAM,
        "demo_modus": settings.DEMO,
        "hoofdmenu": menu_voor(request.user, request.path),
    }
