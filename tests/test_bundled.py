"""The bundled seed store ships with the project: it must be what building seeds/ gives today."""
from __future__ import annotations

from store import BUNDLED, open_store
from store.build import build_store
from conftest import SEEDS


def test_bundled_store_is_not_stale(seed_store):
    shipped = open_store().export()
    fresh = open_store(seed_store).export()
    assert shipped == fresh, ("the bundled store is stale: rebuild it with "
                              "`fuente index seeds --out store/data/seeds.store`")


def test_building_is_deterministic(tmp_path, seed_store):
    again = tmp_path / "again.store"
    build_store([SEEDS], again)
    assert open_store(again).export() == open_store(seed_store).export()


def test_bundled_store_is_the_default():
    assert open_store().path == BUNDLED
    assert len(open_store().documents()) == 5
