"""`sentra train`: the reader's decisions fitted on a labelled corpus, deterministically, with out-of-fold
scores grouped by outlet. Fitted here on eight short articles written for the tests
(tests/fixtures/train_corpus); quality is measured on the real corpus, not here."""
import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from orchestration.cli import main
from scrapers.reading import training
from scrapers.reading.decide import Model, load_model
from scrapers.reading.extract import extract_page

CORPUS = Path(__file__).resolve().parent / "fixtures" / "train_corpus"


def _train(tmp_path, name, *args):
    out = tmp_path / name
    result = CliRunner().invoke(main, ["train", "--corpus", str(CORPUS), "--out", str(out), *args])
    assert result.exit_code == 0, result.output
    return out, result.output


def test_training_twice_writes_the_same_model_file_byte_for_byte(tmp_path):
    first, _ = _train(tmp_path, "a.json")
    second, _ = _train(tmp_path, "b.json")
    assert first.read_bytes() == second.read_bytes()
    model = json.loads(first.read_text())
    assert model["version"].startswith("reader-")
    assert set(model["heads"]) == {"keep", "indicator", "place", "year"}
    assert model["trained_on"]["articles"] == 8


def test_the_model_file_holds_weights_and_names_not_article_text(tmp_path):
    out, _ = _train(tmp_path, "m.json")
    stored = out.read_text(encoding="utf-8")
    for article in training.load_corpus(CORPUS):
        for fact in article["facts"]:
            assert fact["evidence"] not in stored
        for line in article["text"].splitlines():
            assert line not in stored


def test_cv_prints_out_of_fold_scores_and_a_reliability_table(tmp_path):
    _, output = _train(tmp_path, "m.json", "--cv", "2")
    assert "out of fold: 2 folds grouped by outlet (4 outlets), 8 articles" in output
    for metric in ("facts F1", "facts_with_year_and_sentence F1", "relevance_accuracy", "reliability"):
        assert metric in output


def test_train_without_a_corpus_says_so_in_one_line(tmp_path):
    result = CliRunner().invoke(main, ["train", "--corpus", str(tmp_path)])
    assert result.exit_code == 2
    assert "no labelled articles" in result.output


@pytest.mark.parametrize("url, outlet", [
    ("https://jateng.antaranews.com/berita/1", "antaranews.com"),
    ("https://babel.antaranews.com/berita/2", "antaranews.com"),
    ("https://www.radarbanyumas.co.id/x", "radarbanyumas.co.id"),
    ("https://disperindag.jatimprov.go.id/y", "jatimprov.go.id"),
    (None, "(no url)"),
])
def test_an_outlet_is_the_registered_domain(url, outlet):
    assert training.outlet({"url": url}) == outlet


def test_no_outlet_is_on_both_sides_of_a_fold():
    groups = ["a", "a", "b", "c", "c", "c", "d", "e", "e", "f"]
    for seed in (0, 1):
        folds = list(training._group_folds(groups, 3, seed))
        assert sorted(i for _, test in folds for i in test) == list(range(len(groups)))
        for train, test in folds:
            assert not {groups[i] for i in train} & {groups[i] for i in test}


def test_a_fitted_model_decides_what_the_reader_keeps(tmp_path):
    out, _ = _train(tmp_path, "m.json")
    model = Model(json.loads(out.read_text()))
    page = ("<html><head><title>IKM Kota Kediri</title></head><body><article><h1>IKM Kota Kediri</h1>"
            "<p>KEDIRI - Disperindag Kediri menghitung 85 unit usaha anyaman di wilayahnya.</p>"
            "</article></body></html>")
    [fact] = extract_page(page, crawl_date="2024-05-01", decider=model.decide)["facts"]
    assert (fact["indicator"], fact["value"], fact["city_code"], fact["year"]) == ("jumlah_ikm", 85, "35.71", None)
    assert 0.5 <= fact["confidence"] <= 1
    rules = extract_page(page, crawl_date="2024-05-01", decider=training.rules_decision)
    assert [(f["indicator"], f["value"]) for f in rules["facts"]] == [("jumlah_ikm", 85)]


def test_the_packaged_model_is_the_one_the_reader_names():
    model = load_model()
    assert model is not None, "scrapers/reading/model.json is missing: run `sentra train`"
    page = "<html><body><p>Di Kota Kediri ada 85 unit usaha anyaman.</p></body></html>"
    assert extract_page(page)["reader"] == model.version


def test_analysts_corrections_become_labels(tmp_path):
    """A rejected fact is a negative label for its number, a fixed one a positive label for its corrected
    value; the corrected article is read again from the lake, and the report says how many labels."""
    from scrapers.reading.page import read_page
    url = "https://kabar-lima.example/berita/anyaman"
    html = ("<html><head><title>Perajin Anyaman Kota Kediri</title>"
            f'<link rel="canonical" href="{url}"></head><body><article><h1>Perajin Anyaman Kota Kediri</h1>'
            "<p>KEDIRI - Disperindag Kediri menghitung 85 unit usaha anyaman di wilayahnya.</p>"
            "<p>Omzet para perajin mencapai Rp 3 miliar per tahun, dan harga tikar Rp 150 ribu.</p>"
            "</article></body></html>")
    day = tmp_path / "data" / "lake" / "2024-05-02"
    day.mkdir(parents=True)
    (day / "articles.jsonl").write_text(json.dumps({"url": url, "page": read_page(html).as_record()}) + "\n")
    corrections = tmp_path / "corrections.yaml"
    corrections.write_text(f"""corrections:
- id: not-a-stock
  action: reject_fact
  fact: {{article_url: "{url}", indicator: jumlah_ikm, value: 85}}
- id: omzet-misread
  action: fix_fact
  fact: {{article_url: "{url}", indicator: nilai_omzet, value: 150000}}
  set: {{value: 3000000000}}
- id: elsewhere
  action: reject_fact
  fact: {{article_url: "https://other.example/x", indicator: jumlah_ikm, value: 10}}
""")
    plain, _ = _train(tmp_path, "plain.json")
    taught, output = _train(tmp_path, "taught.json", "--corrections", str(corrections),
                            "--data-dir", str(tmp_path / "data"), "--cv", "2")
    assert "labels from 2 corrections" in output
    assert "elsewhere: https://other.example/x is not in the lake" in output
    model = json.loads(taught.read_text())
    # 85 rejected, and Rp 3 miliar kept (the price Rp 150 ribu is no candidate the reader frames)
    assert model["trained_on"]["correction_labels"] == 2
    assert taught.read_bytes() != plain.read_bytes()


@pytest.mark.parametrize("sentence, gold_year, label", [
    ("Pada 2024 tercatat 310 IKM.", 2024, "stated|published"),   # the stated year is the publication year
    ("Pada 2022 tercatat 310 IKM.", 2022, "stated"),
    ("Tercatat 310 IKM.", None, "none|stated|context"),   # no year stated before or here: all three give none
    ("Tercatat 310 IKM.", 2024, "published"),
    ("Tercatat 310 IKM.", 2019, None),                              # no choice gives it
])
def test_a_year_label_names_every_choice_that_gives_the_labelled_year(sentence, gold_year, label):
    from scrapers.reading.decide import Candidate
    from scrapers.reading.indicators import frame_sentence
    frame = frame_sentence(sentence, 2024)[0]
    c = Candidate(frame, sentence, "32.73", "32", 3, "32.73", 2024, 0, 0, False, 1)
    assert training._year_label(c, {"year": gold_year}) == label


def test_year_only_features_weigh_in_the_year_head_alone(tmp_path):
    out, _ = _train(tmp_path, "m.json")
    heads = json.loads(out.read_text())["heads"]
    assert not [k for k in heads["keep"]["weights"] if k.startswith(training.YEAR_ONLY)]
    for name in ("indicator", "place"):
        assert not [k for ws in heads[name]["weights"].values() for k in ws if k.startswith(training.YEAR_ONLY)]
    assert [k for ws in heads["year"]["weights"].values() for k in ws if k.startswith(training.YEAR_ONLY)]


@pytest.mark.parametrize("text, city_mentions, province_mentions, n_cities, expected", [
    ("Dinas mencatat 40 IKM dan dua sentra perajin.", 3, 1, 1, {"a:ikm_density=3"}),
    ("Pelaku UMKM dan UKM di provinsi itu: 900 UMKM, 30 IKM.", 0, 4, 0,
     {"a:ikm_density=2", "a:umkm_story", "a:province_story", "a:no_city"}),
    ("Kementerian Perindustrian mencatat sentra IKM nasional.", 1, 0, 1, {"a:ikm_density=3", "a:nation_lead"}),
])
def test_article_features_say_what_the_whole_article_is_about(text, city_mentions, province_mentions, n_cities,
                                                              expected):
    from scrapers.reading.decide import article_features
    assert set(article_features(text, city_mentions, province_mentions, n_cities)) == expected


@pytest.mark.parametrize("sentence, number, expected", [
    ("Sisanya, 140 usaha tergolong industri besar.", "140", {"clause=large_industry"}),
    ("Industri kecil menyerap 9.100 orang, sedangkan industri besar menyerap 4.000 orang.", "9.100", set()),
    ("Industri kecil menyerap 9.100 orang, sedangkan industri besar menyerap 4.000 orang.", "4.000",
     {"clause=large_industry"}),
    ("Pekerja sektor industri kota itu mencapai 30.500 orang.", "30.500", {"clause=all_industry"}),
])
def test_the_clause_of_a_number_says_whether_it_counts_large_or_all_industry(sentence, number, expected):
    from scrapers.reading.decide import _clause_scope
    low = sentence.lower()
    start = low.index(number)
    assert set(_clause_scope(low, start, start + len(number))) == expected


@pytest.mark.parametrize("sentence, veto", [
    ("Jumlah IKM bertambah 27 unit usaha dibanding tahun lalu.", "change"),
    ("Usaha kelas menengah mempekerjakan 20-30 orang karyawan.", "written_range"),
])
def test_what_the_conventions_never_count_is_dropped_whatever_the_model_says(sentence, veto):
    from scrapers.reading.decide import Candidate
    from scrapers.reading.indicators import frame_sentence
    frame = next(f for f in frame_sentence(sentence, 2024) if veto in f.vetoes)
    always_keep = Model({"version": "t", "threshold": 0.5, "heads": {"keep": {"weights": {}, "intercept": 8.0}}})
    c = Candidate(frame, sentence, "32.73", "32", 3, "32.73", 2024, 0, 0, False, 1)
    assert not always_keep.decide(c).keep


def _examples(*rows):
    """Examples from (article, features, keep) rows."""
    return [training.Example(art, {k: 1.0 for k in feats}, keep) for art, feats, keep in rows]


@pytest.mark.parametrize("rows, expected", [
    # a veto on numbers in three articles, never on a fact: it becomes a hard drop
    ([(0, ["veto=per_unit"], 0), (1, ["veto=per_unit"], 0), (2, ["veto=per_unit"], 0)], ["veto=per_unit"]),
    # the same veto once on a labelled fact: the model weighs it instead
    ([(0, ["veto=per_unit"], 0), (1, ["veto=per_unit"], 0), (2, ["veto=per_unit"], 0), (3, ["veto=per_unit"], 1)], []),
    # three numbers of one article are one piece of evidence, not three
    ([(0, ["clause=large_industry"], 0)] * 3, []),
    # only rule verdicts qualify, not the words near the number
    ([(0, ["L1:pada"], 0), (1, ["L1:pada"], 0), (2, ["L1:pada"], 0)], []),
])
def test_a_rule_verdict_that_never_marks_a_labelled_fact_becomes_a_hard_drop(rows, expected):
    assert training.never_facts(_examples(*rows)) == expected


def test_the_model_drops_a_number_with_a_verdict_that_never_marked_a_fact():
    from scrapers.reading.decide import Candidate
    from scrapers.reading.indicators import frame_sentence
    sentence = "Di kota itu ada 140 usaha industri besar."
    frame = frame_sentence(sentence, 2024)[0]
    c = Candidate(frame, sentence, "32.73", "32", 3, "32.73", 2024, 0, 0, False, 1)
    heads = {"keep": {"weights": {}, "intercept": 8.0}}
    assert Model({"version": "t", "threshold": 0.5, "heads": heads}).decide(c).keep
    never = Model({"version": "t", "threshold": 0.5, "heads": heads, "never_facts": ["clause=large_industry"]})
    assert not never.decide(c).keep


_COUNTS = {"placed_facts": 0, "placed_sentra": 0, "province_facts": 0, "city_facts": 0, "cities": 1,
           "city_mentions": 3, "strong_words": 2, "primary_named": 4, "province_mentions": 0}


@pytest.mark.parametrize("text, counts, expected", [
    ("Sentra batik kota itu berkembang.", {"placed_sentra": 1, "city_facts": 2},
     {"r:placed_sentra", "r:city_facts"}),
    # the city is named once (the dateline), the figures are the province's
    ("Dinas provinsi mencatat 900 IKM.", {"province_facts": 2, "city_mentions": 1},
     {"r:province_facts", "r:province_facts_only", "r:one_city_mention", "r:nothing_placed"}),
    ("Industri besar pergi; industri besar lain menyusul.", {"cities": 5, "strong_words": 0},
     {"r:many_cities", "r:no_strong_word", "r:large_firms", "r:nothing_placed"}),
])
def test_relevance_features_say_what_the_reading_found(text, counts, expected):
    from scrapers.reading.decide import relevance_features
    feats = relevance_features({"a:umkm_story": 1.0}, text, {**_COUNTS, **counts})
    assert {k for k in feats if k.startswith("r:")} == expected
    assert feats["a:umkm_story"] == 1.0 and feats["bias"] == 1.0


@pytest.mark.parametrize("counts, expected", [
    # a city that carries the story: named often, a figure placed in it
    ({"primary_named": 6, "placed_facts": 2}, set()),
    # a minister's remarks filed from a city: named in the dateline and once more, nothing placed there
    ({"primary_named": 2, "city_mentions": 1, "province_mentions": 0}, {"r:city_barely_named", "r:nothing_placed"}),
    # a province's agency meets in a hotel of its capital: the province named more than any city
    ({"primary_named": 1, "city_mentions": 1, "province_mentions": 5},
     {"r:city_barely_named", "r:nothing_placed", "r:nothing_placed&province_named"}),
    # a sentra of the city, though the city is named only twice
    ({"primary_named": 2, "placed_sentra": 1, "province_mentions": 4}, {"r:city_barely_named"}),
])
def test_a_city_named_only_in_passing_is_told_apart(counts, expected):
    from scrapers.reading.decide import relevance_features
    feats = relevance_features({}, "Perajin kota itu.", {**_COUNTS, **counts})
    assert {k for k in feats if k.startswith(("r:city_barely", "r:nothing"))} == expected


def test_the_relevance_head_can_overrule_the_rules_and_without_one_they_stand():
    feats = {"bias": 1.0, "r:one_city_mention": 1.0, "a:umkm_story": 1.0}
    keep = {"weights": {}, "intercept": 0.0}
    plain = Model({"version": "t", "threshold": 0.5, "heads": {"keep": keep}})
    assert plain.relevant(feats, True) and not plain.relevant(feats, False)
    head = {"weights": {"r:one_city_mention": -2.0, "a:umkm_story": -1.0}, "intercept": 2.5}
    fitted = Model({"version": "t", "threshold": 0.5, "heads": {"keep": keep, "relevance": head}})
    assert not fitted.relevant(feats, True)
    assert fitted.relevant({"bias": 1.0, "a:umkm_story": 1.0}, True)


@pytest.mark.parametrize("sentence, value, kept", [
    ("Di pulau Sumatra tercatat 1.250 sentra.", 1250, False),
    # an island named after the count; a province whose name begins with the island's is no island
    ("Tahun depan dibangun 7 sentra di Kalimantan dan 4 sentra di Sulawesi.", 7, False),
    ("Tahun depan dibangun 7 sentra di Kalimantan dan 4 sentra di Sulawesi.", 4, False),
    ("Saat ini ada 35 sentra di Sulawesi Selatan.", 35, True),
])
def test_an_islands_share_of_a_national_count_is_dropped_whatever_the_model_says(sentence, value, kept):
    from scrapers.reading.decide import Candidate
    from scrapers.reading.indicators import frame_sentence
    frame = next(f for f in frame_sentence(sentence, 2024) if f.quantity.value == value)
    c = Candidate(frame, sentence, None, None, 3, None, 2024, 0, 0, False, 1)
    always_keep = Model({"version": "t", "threshold": 0.5, "heads": {"keep": {"weights": {}, "intercept": 8.0}}})
    assert always_keep.decide(c).keep is kept


@pytest.mark.parametrize("sentence, prev, expected", [
    ("Saat ini tercatat 420 IKM di kota itu.", None, {"y:now_here", "y:jumlah_ikm&now_here"}),
    ("Sejauh ini sudah ada 420 IKM yang terdaftar.", None, {"y:now_here", "y:jumlah_ikm&now_here"}),
    ("Hingga kini ada 420 IKM, naik dari tahun 2020.", None,
     {"y:now_here", "y:jumlah_ikm&now_here", "y:now_here&year_here"}),
    ("Usaha itu menyerap 1.300 tenaga kerja.", "Saat ini ada 420 IKM di kota itu.",
     {"y:now_before", "y:tenaga_kerja&now_before"}),
    ("Pada tahun 2021 usaha itu menyerap 1.300 tenaga kerja.", "Saat ini ada 420 IKM di kota itu.", set()),
    ("Pada 2023 tercatat 420 IKM di kota itu.", None, set()),
    ("Pelatihan desain masa kini diikuti 40 perajin.", None, set()),   # 'masa kini': contemporary, not now
])
def test_a_stock_told_as_of_today_is_marked_for_the_year_head(sentence, prev, expected):
    from scrapers.reading.decide import Candidate, _present_features
    from scrapers.reading.indicators import frame_sentence
    frame = next(f for f in frame_sentence(sentence, 2024) if not f.vetoes)
    c = Candidate(frame, sentence, "32.73", "32", 3, "32.73", 2024, 0, 0, False, 1, prev_sentence=prev)
    assert set(_present_features(c)) == expected


@pytest.mark.parametrize("sentence, prev, published, year", [
    ("Saat ini tercatat 420 IKM di kota itu.", None, 2024, None),
    ("Usaha itu menyerap 1.300 tenaga kerja.", "Saat ini ada 420 IKM di kota itu.", 2024, None),
    ("Hingga kini ada 420 IKM, naik dari tahun 2020.", None, 2024, 2024),   # a year in the sentence: the head decides
    ("Tercatat 420 IKM di kota itu.", None, 2024, 2024),
])
def test_a_stock_of_today_gets_no_year_whatever_the_year_head_says(sentence, prev, published, year):
    from scrapers.reading.decide import Candidate, apply_decision
    from scrapers.reading.indicators import frame_sentence
    frame = next(f for f in frame_sentence(sentence, published) if not f.vetoes)
    c = Candidate(frame, sentence, "32.73", "32", 3, "32.73", published, 0, 0, False, 1, prev_sentence=prev)
    always_published = Model({"version": "t", "threshold": 0.5, "heads": {
        "keep": {"weights": {}, "intercept": 8.0},
        "year": {"weights": {"published": {}, "none": {}}, "intercept": {"published": 5.0, "none": 0.0}}}})
    d = always_published.decide(c)
    assert apply_decision(c, d)["year"] == year


@pytest.mark.parametrize("sentence, flow", [
    ("Omzet para perajin mencapai Rp 2 miliar per tahun.", True),
    ("Dalam setahun, omzet sentra itu Rp 800 juta.", True),
    ("Nilai produksinya Rp 45 juta per bulan.", True),
    ("Sepanjang 2022 omzet sentra itu Rp 800 juta.", False),     # the year is stated
    ("Tahun lalu omzetnya Rp 2 miliar per tahun.", False),
    ("Omzet sentra itu mencapai Rp 800 juta.", False),           # no rate
])
def test_a_usual_rate_with_no_year_in_its_sentence_is_a_habitual_flow(sentence, flow):
    from scrapers.reading.decide import Candidate, candidate_features, habitual_flow
    from scrapers.reading.indicators import frame_sentence
    frame = next(f for f in frame_sentence(sentence, 2024) if f.quantity.kind == "money")
    c = Candidate(frame, sentence, "32.73", "32", 3, "32.73", 2024, 0, 0, False, 1)
    assert habitual_flow(candidate_features(c)) is flow


@pytest.mark.parametrize("intercepts, context_year, year", [
    ({"context": 3.0, "published": 1.0, "none": 0.0}, None, 2024),   # no year before: the next choice that finds one
    ({"context": 3.0, "published": 1.0, "none": 0.0}, 2021, 2021),
    ({"context": 3.0, "published": 0.0, "none": 1.0}, None, None),   # 'none' likelier than publication
])
def test_a_year_choice_that_finds_no_year_gives_way_to_one_that_does(intercepts, context_year, year):
    from scrapers.reading.decide import Candidate, apply_decision
    from scrapers.reading.indicators import frame_sentence
    sentence = "Dinas menyalurkan bantuan mesin senilai Rp 300 juta kepada perajin."
    frame = next(f for f in frame_sentence(sentence, 2024) if not f.vetoes)
    c = Candidate(frame, sentence, "32.73", "32", 3, "32.73", 2024, 0, 0, False, 1, context_year)
    model = Model({"version": "t", "threshold": 0.5, "heads": {
        "keep": {"weights": {}, "intercept": 8.0},
        "year": {"weights": {k: {} for k in intercepts}, "intercept": intercepts}}})
    assert apply_decision(c, model.decide(c))["year"] == year


@pytest.mark.parametrize("sentence, published, context, carried", [
    ("Perajin itu mempekerjakan 120 orang.", 2024, 2021, True),       # 2021 carried from before
    ("Pada 2021 perajin itu mempekerjakan 120 orang.", 2024, None, False),
    ("Perajin itu mempekerjakan 120 orang.", 2024, None, False),      # nothing carried: the publication year
])
def test_a_year_carried_from_before_is_told_apart_for_the_year_head(sentence, published, context, carried):
    from scrapers.reading.decide import Candidate, _carried_year_features
    from scrapers.reading.indicators import frame_sentence
    frame = next(f for f in frame_sentence(sentence, published, None, context) if not f.vetoes)
    c = Candidate(frame, sentence, "32.73", "32", 3, "32.73", published, 0, 0, False, 1, context)
    assert ("y:stated_carried" in _carried_year_features(c)) is carried


@pytest.mark.parametrize("sentence, spans", [
    ("Selama tiga tahun terakhir dinas membentuk 9 sentra.", True),
    ("Dalam lima tahun belakangan jumlah IKM mencapai 700 unit.", True),
    ("Gedung itu dibangun 2016 sampai 2018 dengan dana Rp 3 miliar.", True),
    ("Gedung itu dibangun pada 2016-2018 dengan dana Rp 3 miliar.", True),
    ("Sepanjang tahun 2020 - 2020 tercatat 90 IKM.", False),             # one year written twice
    ("Pada 2018 dinas membentuk 9 sentra.", False),
    ("Tahun lalu dinas membentuk 9 sentra.", False),
])
def test_a_figure_of_several_years_is_tied_to_no_one_year(sentence, spans):
    from scrapers.reading.decide import spans_years
    assert spans_years(sentence) is spans


@pytest.mark.parametrize("sentence, year, stated", [
    ("Kampung itu punya 300 perajin (data pertengahan 2016 dari dinas).", 2016, 2016),
    ("Perajin di sana didata sejak sekitar 2005 sebanyak 90 orang.", 2005, 2005),
    ("Hasil survei 2019 mencatat 75 IKM.", 2019, 2019),
    ("Pada 2018 dinas membentuk 9 sentra.", None, 2018),            # an explicit year is read as before
    ("Dinas membentuk 9 sentra.", None, None),
])
def test_a_year_told_loosely_is_the_year_heads_stated_year_only(sentence, year, stated):
    from scrapers.reading.decide import Candidate, candidate_features
    from scrapers.reading.indicators import frame_sentence, loose_year
    assert loose_year(sentence) == year
    frame = next(f for f in frame_sentence(sentence, 2024, None, None) if not f.vetoes)
    c = Candidate(frame, sentence, "32.73", "32", 3, "32.73", 2024, 0, 0, False, 1, None)
    assert c.year("stated") == stated
    feats = candidate_features(c)
    assert ("y:loose_year" in feats) is (year is not None)
    assert "year=explicit" not in feats or year is None   # the keep head's features do not see it


@pytest.mark.parametrize("sentence, ref_year, refers", [
    ("Dari 4.210 IKM itu, sekitar 2.500 IKM bergerak di bidang pangan.", 2020, True),
    ("Dari 4.210 IKM itu, pada 2022 sekitar 2.500 IKM bergerak di bidang pangan.", 2020, False),  # its own year
    ("Dari 4.210 IKM itu, sekitar 2.500 IKM bergerak di bidang pangan.", None, False),
])
def test_a_sentence_referring_back_takes_the_year_of_that_figure(sentence, ref_year, refers):
    from scrapers.reading.decide import Candidate, refers_back
    from scrapers.reading.indicators import frame_sentence
    frame = next(f for f in frame_sentence(sentence, 2023, None, 2021) if not f.vetoes)
    c = Candidate(frame, sentence, "32.73", "32", 3, "32.73", 2023, 0, 0, False, 1, 2021, ref_year=ref_year)
    assert refers_back(c) is refers
    if refers:
        assert c.year("stated") == ref_year


@pytest.mark.parametrize("sentence, stamped, expected", [
    ("Dinas membentuk 9 sentra di kota itu.", False, {"y:unstamped", "y:unstamped&no_year_here"}),
    ("Pada 2018 dinas membentuk 9 sentra di kota itu.", False, {"y:unstamped"}),
    ("Dinas membentuk 9 sentra di kota itu.", True, set()),   # a stamped page: its publication year is known
])
def test_a_page_with_no_publication_stamp_is_told_apart_for_the_year_head(sentence, stamped, expected):
    from scrapers.reading.decide import Candidate, _unstamped_features
    from scrapers.reading.indicators import frame_sentence
    frame = next(f for f in frame_sentence(sentence, 2023, None, None) if not f.vetoes)
    c = Candidate(frame, sentence, "32.73", "32", 3, "32.73", 2023, 0, 0, False, 1, None, stamped=stamped)
    feats = _unstamped_features(c)
    assert {k for k in feats if "&" not in k or k.startswith("y:unstamped")} == expected


@pytest.mark.parametrize("sentence, context, told, year", [
    ("Angka tersebut melampaui target Rp 8 miliar.", 2016, 2017, 2017),   # 2016 was only compared with
    ("Angka tersebut melampaui target Rp 8 miliar.", 2016, None, 2016),
    ("Pada 2018 angka tersebut melampaui target Rp 8 miliar.", 2016, 2017, 2018),   # its own year
])
def test_a_carried_year_passes_over_a_year_only_compared_with(sentence, context, told, year):
    from scrapers.reading.decide import Candidate
    from scrapers.reading.indicators import frame_sentence
    frame = next(f for f in frame_sentence(sentence, 2024, None, context) if not f.vetoes)
    c = Candidate(frame, sentence, "32.73", "32", 3, "32.73", 2024, 0, 0, False, 1, context, told_year=told)
    assert c.year("stated") == year
