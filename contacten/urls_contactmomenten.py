"""The contact log under /contactmomenten/: for the ward's designated officials only."""


app_name = "contactmomenten"

urlpatterns: list = []
