"""The product's URLs plus ``bench/bare``: a Django view that does nothing and answers 200, the
baseline the intake is measured against (same server, middleware and load generator)."""

from django.http import HttpRequest, HttpResponse
from django.urls import path
from django.views.decorators.csrf import csrf_exempt

from saleor_podops.urls import urlpatterns as product_urlpatterns


@csrf_exempt
def bare(request: HttpRequest) -> HttpResponse:
    return HttpResponse(b'{"status": "ok"}', content_type="application/json")


urlpatterns = [path("bench/bare", bare), *product_urlpatterns]
