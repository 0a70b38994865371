"""Work in progress: replaced by the real views."""

from django.http import Http404


def initiatief_indienen(request, *args, **kwargs):
    raise Http404


def knelpunt_melden(request, *args, **kwargs):
    raise Http404


def mijn_inbreng(request, *args, **kwargs):
    raise Http404


def concept_bewerken(request, *args, **kwargs):
    raise Http404


def concept_verwijderen(request, *args, **kwargs):
    raise Http404


def bevestiging(request, *args, **kwargs):
    raise Http404


def intrekken(request, *args, **kwargs):
    raise Http404
