"""Pages: a listing loaded a page at a time never loses, repeats or invents a row."""
from __future__ import annotations

from hypothesis import given, strategies as st

from tui.paging import Gap, Pages


def listing(n):
    calls = []

    def fetch(offset, limit):
        calls.append((offset, limit))
        return list(range(n))[offset:offset + limit]
    return fetch, calls


def test_first_page_then_a_gap_that_counts_the_rest():
    fetch, _ = listing(250)
    p = Pages(fetch, 250, page=100)
    p.first()
    entries = list(p.entries())
    assert entries[:100] == [(i, i) for i in range(100)] and entries[100:] == [Gap(100, 150)]
    assert not p.complete


def test_last_leaves_a_gap_in_the_middle_and_filling_it_from_either_side_closes_it():
    fetch, _ = listing(450)
    p = Pages(fetch, 450, page=100)
    p.first()
    p.last()
    assert [e for e in p.entries() if isinstance(e, Gap)] == [Gap(100, 250)]
    p.load(350, backwards=True)  # from below: the page just above the last one
    p.load(100)  # from above
    assert [e for e in p.entries() if isinstance(e, Gap)] == [Gap(200, 50)]
    p.load(200)
    assert p.complete and p.rows() == list(range(450)) and len(p.runs) == 1


def test_a_listing_shorter_than_its_total_ends_where_the_rows_end():
    fetch, _ = listing(130)
    p = Pages(fetch, 200, page=100)
    p.first()
    p.load(100)
    assert p.total == 130 and p.complete and p.rows() == list(range(130))
    assert p.load(130) == 0


@given(st.integers(0, 400), st.integers(1, 60), st.lists(st.tuples(st.integers(0, 420), st.booleans()), max_size=25))
def test_any_order_of_loads_keeps_rows_in_place(total, page, loads):
    fetch, _ = listing(total)
    p = Pages(fetch, total, page=page)
    for offset, backwards in loads:
        p.load(offset, backwards=backwards)
        at = 0
        for entry in p.entries():
            if isinstance(entry, Gap):
                assert entry.offset == at and entry.count > 0
                at += entry.count
            else:
                assert entry == (at, at)
                at += 1
        assert at == total
    while not p.complete:
        gap = next(e for e in p.entries() if isinstance(e, Gap))
        assert p.load(gap.offset) > 0
    assert p.rows() == list(range(total))
