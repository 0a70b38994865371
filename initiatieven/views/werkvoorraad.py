"""Work in progress: replaced by the real views."""

from django.http import Http404


def werkvoorraad(request, *args, **kwargs):
    raise Http404


def herbezien(request, *args, **kwargs):
    raise Http404


def wethouder(request, *args, **kwargs):
    raise Http404


def triage(request, *args, **kwargs):
    raise Http404


def screenen(request, *args, **kwargs):
    raise Http404


def rol(request, *args, **kwargs):
    raise Http404


def stap(request, *args, **kwargs):
    raise Http404


def bericht(request, *args, **kwargs):
    raise Http404


def actie_toevoegen(request, *args, **kwargs):
    raise Http404


def actie_afvinken(request, *args, **kwargs):
    raise Http404
