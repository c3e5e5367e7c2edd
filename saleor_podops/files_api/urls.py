from django.urls import path

from . import views

urlpatterns = [
    path("api/uploads/sessions", views.upload_session_create_view, name="upload-session-create"),
    path("api/uploads", views.customer_upload_view, name="customer-upload"),
    path("api/files/<str:token>", views.download_view, name="artwork-download"),
]
