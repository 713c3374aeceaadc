"""The admin, and nothing else: `/admin/login/` is the sign-in page under test."""

from django.contrib import admin
from django.urls import path

urlpatterns = [
    path('admin/', admin.site.urls),
]
