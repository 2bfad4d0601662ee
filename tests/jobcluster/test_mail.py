from jobcluster.mail import render_subject


def test_subject_on_one_line(tmp_path, settings):
    # A new list, so that Django's setting_changed handler rebuilds the template engines.
    settings.TEMPLATES = [{**settings.TEMPLATES[0], "DIRS": [tmp_path]}]
    (tmp_path / "subject.txt").write_text(
        "Votre déclaration\u00a0:\n  {{ year }} \n", encoding="utf-8"
    )

    assert render_subject("subject.txt", {"year": 2024}) == "Votre déclaration\u00a0: 2024"
