from django.urls import path

from . import views

urlpatterns = [
    path("approvals/<str:token>", views.hosted_approvals_page, name="approvals-hosted-page"),
]
