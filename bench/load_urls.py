"""The project's URLs and ``/bench/trivial/``: a view doing nothing, the yardstick of bench/page_load.py."""

from django.http import HttpResponse
from django.urls import include, path


def trivial(request):
    return HttpResponse("ok", content_type="text/plain")


urlpatterns = [
    path("bench/trivial/", trivial),
    path("", include("careerpath.urls")),
]
