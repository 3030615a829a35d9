from pathlib import Path

from django.apps import apps

from plenary.import_graph import LAYER_OF, ROOT, app_edges, report, wrong_way


def test_our_apps_import_only_the_layers_below_them():
    edges = app_edges()

    assert not wrong_way(edges), report(edges)


def test_an_import_pointing_up_is_reported(tmp_path):
    (tmp_path / "conference").mkdir()
    (tmp_path / "conference" / "models.py").write_text("from delegations.models import State\n")
    (tmp_path / "accreditation").mkdir()
    (tmp_path / "accreditation" / "views.py").write_text(
        "def view():\n    from registration import services\n"
    )

    bad = wrong_way(app_edges(tmp_path))

    assert [(edge.importer, edge.imported) for edge in bad] == [
        ("conference.models", "delegations.models"),
        ("accreditation.views", "registration"),
    ]
    assert "conference.models imports delegations.models" in report(bad)


def test_every_app_of_ours_has_a_layer():
    ours = {config.name for config in apps.get_app_configs() if Path(config.path).parent == ROOT}

    assert ours == set(LAYER_OF) - {"plenary"}
