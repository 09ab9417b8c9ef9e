from django.contrib import admin
from reversion_compare.admin import CompareVersionAdmin

from ..models import BodyPart, Equipment, Muscle
from .forms import NormalizedNewlinesForm


class TaxonomyAdmin(CompareVersionAdmin):
    form = NormalizedNewlinesForm
    list_display = ["name", "slug"]
    search_fields = ["name"]
    prepopulated_fields = {"slug": ("name",)}


admin.site.register(BodyPart, TaxonomyAdmin)
admin.site.register(Muscle, TaxonomyAdmin)
admin.site.register(Equipment, TaxonomyAdmin)
