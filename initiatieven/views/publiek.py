"""Work in progress: replaced by the real views."""

from django.http import Http404


def lijst(request, *args, **kwargs):
    raise Http404


def onderwerp(request, *args, **kwargs):
    raise Http404


def bijlage(request, *args, **kwargs):
    raise Http404
