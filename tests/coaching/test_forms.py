import pytest
from django.http import QueryDict

from coaching.forms import DashboardQuery, DashboardQueryForm


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("", DashboardQuery(sort="name", attention=False, page=1)),
        ("sort=overdue&attention=1&page=3", DashboardQuery(sort="overdue", attention=True, page=3)),
        # A bad value falls back to its default and leaves the others as given.
        ("sort=drop+table&attention=1&page=2", DashboardQuery(sort="name", attention=True, page=2)),
        ("sort=months&page=-4", DashboardQuery(sort="months", attention=False, page=1)),
        ("sort=next&page=abc&attention=0", DashboardQuery(sort="next", attention=False, page=1)),
    ],
)
def test_the_dashboard_query_string_becomes_a_typed_query(query, expected):
    assert DashboardQueryForm(data=QueryDict(query)).query() == expected
