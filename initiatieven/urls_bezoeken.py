"""Visits to the wards under /bezoeken/: the term overview, a visit's page, planning it
with topics from the ward's items, its report and follow-up actions, and calendar feeds.

The models live in ``contacten``; the pages sit here because they choose topics from and
add actions to items (``initiatieven`` may import ``contacten``, not the other way round).
"""


app_name = "bezoeken"

urlpatterns: list = []
