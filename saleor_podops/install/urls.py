from django.urls import path

from . import views

urlpatterns = [
    path("", views.home, name="home"),
    path("api/manifest", views.manifest, name="manifest"),
    path("api/register", views.register, name="register"),
    path("api/logo.png", views.logo, name="logo"),
    path("api/health", views.health, name="health"),
    path("dashboard/", views.dashboard, name="dashboard"),
    path("dashboard/<path:path>", views.dashboard, name="dashboard-page"),
]
