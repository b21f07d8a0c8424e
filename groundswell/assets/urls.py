from django.urls import path

from groundswell.assets import mapping, views

app_name = "assets"

urlpatterns = [
    path("", views.asset_list, name="list"),
    path("export.csv", views.export_csv, name="export_csv"),
    path("export.geojson", views.export_geojson, name="export_geojson"),
    path("add/", views.asset_add, name="add"),
    path("add/gift/", views.gift_add, name="add_gift"),
    path("mine/", views.my_assets, name="mine"),
    path("claims/", views.claims, name="claims"),
    path("claims/<int:pk>/decide/", views.claim_decide, name="claim_decide"),
    # The map (assets/mapping.py), above the slug patterns. The organisers' gap view is a staff
    # screen at /staff/gaps/ (assets/gaps.py: config/urls.py includes it there).
    path("map/", mapping.asset_map, name="map"),
    path("map/data.json", mapping.asset_map_data, name="map_data"),
    path("<slug:slug>/", views.asset_detail, name="detail"),
    path("<slug:slug>/edit/", views.asset_edit, name="edit"),
    path("<slug:slug>/review/", views.asset_review, name="review"),
    path("<slug:slug>/withdraw/", views.asset_withdraw, name="withdraw"),
    path("<slug:slug>/claim/", views.asset_claim, name="claim"),
    path("<slug:slug>/message/", views.gift_message, name="message"),
]
