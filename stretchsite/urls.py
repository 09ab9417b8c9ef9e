from django.conf import settings
from django.contrib import admin
from django.urls import include, path

from exercises import editor_views, health

admin.site.site_header = "StretchSite editor"
admin.site.site_title = "StretchSite editor"
admin.site.index_title = "Content"

# The 500 page, or the "temporarily unavailable" page when the database is away.
handler500 = "exercises.availability.server_error"

urlpatterns = [
    # The markdownx endpoints sit under /admin/ but before the admin's catch-all.
    path("admin/markdownx/markdownify/", editor_views.markdown_preview,
         name="markdownx_markdownify"),
    path("admin/markdownx/upload/", editor_views.VerifiedImageUploadView.as_view(),
         name="markdownx_upload"),
    path("healthz", health.healthz, name="healthz"),
    path("admin/", admin.site.urls),
    path("", include("exercises.search.urls")),
    path("", include("exercises.urls")),
]  # fmt: skip

if settings.SERVE_MEDIA:
    from django.urls import re_path
    from django.views.static import serve

    # Not django.conf.urls.static.static(), which does nothing when DEBUG is off.
    urlpatterns += [
        re_path(r"^media/(?P<path>.*)$", serve, {"document_root": settings.MEDIA_ROOT}),
    ]
