"""Staff see how many follow what; an address only with "Can see subscribers' email
addresses" (alerts.view_subscriber_address). Subscriptions are made by their readers only."""

from django.contrib import admin

from .models import Subscription

ADDRESS_PERMISSION = "alerts.view_subscriber_address"


@admin.register(Subscription)
class SubscriptionAdmin(admin.ModelAdmin):
    list_filter = ["kind", "frequency", "language"]
    date_hierarchy = "confirmed_at"

    def may_see_addresses(self, request):
        return request.user.has_perm(ADDRESS_PERMISSION)

    def get_list_display(self, request):
        shown = ["__str__", "frequency", "language", "confirmed_at"]
        return ["email", *shown] if self.may_see_addresses(request) else shown

    def get_search_fields(self, request):
        # Searching by address would tell who subscribed, one guess at a time.
        return ["email"] if self.may_see_addresses(request) else []

    def get_fields(self, request, obj=None):
        fields = ["kind", "topic", "outlet", "spokesperson", "query", "frequency", "language"]
        return ["email", *fields, "confirmed_at"] if self.may_see_addresses(request) else fields

    def get_readonly_fields(self, request, obj=None):
        return self.get_fields(request, obj)

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
