"""Near-duplicate detection of republished stories."""
from assets.dedup import jaccard, near_duplicate_of, shingles

STORY = ("Dinas Perindustrian Kabupaten Sumbawa mencatat 120 perajin tenun kre alang tersebar di empat "
         "kecamatan. Kepala dinas mengatakan pemerintah daerah akan membangun rumah produksi bersama tahun "
         "depan agar perajin tidak lagi bekerja di kolong rumah. Menurutnya, pesanan kain dari hotel di Bali "
         "terus bertambah sejak pameran bulan lalu, sehingga perajin perlu alat tenun baru dan pelatihan "
         "pewarnaan alami.")


def test_the_same_story_with_another_dateline_and_credit_is_a_duplicate():
    republished = "SUMBAWA BESAR (Kabar NTB) - " + STORY + " (Antara)"
    assert near_duplicate_of([STORY, republished]) == [None, 0]


def test_a_different_story_on_the_same_topic_is_not():
    other = ("Perajin tenun di Kabupaten Sumbawa Barat menerima bantuan 30 alat tenun dari pemerintah provinsi. "
             "Bantuan itu diserahkan di kantor bupati dan disaksikan para kepala desa penghasil kain tenun.")
    assert near_duplicate_of([STORY, other]) == [None, None]


def test_chains_point_to_the_first_original():
    a = STORY
    b = "MATARAM - " + STORY
    c = STORY + " Baca juga: Harga kain tenun naik."
    assert near_duplicate_of([a, b, c]) == [None, 0, 0]


def test_short_and_empty_texts():
    assert shingles("") == frozenset()
    assert near_duplicate_of(["", ""]) == [None, None]
    assert jaccard(shingles("satu dua"), shingles("satu dua")) == 1.0


def test_articles_keep_one_record_per_story_and_where_else_it_ran():
    from assets.articles import distinct_articles
    from assets.parallel import content_hash

    def page(url, source, text):
        return {"url": url, "source": source, "fetched_url": url, "content_hash": content_hash(text)}

    texts = [STORY, STORY, "JAKARTA - " + STORY, "Berita lain sama sekali tentang sepak bola di stadion kota."]
    pages = [page("https://a.example/1", "a", texts[0]), page("https://b.example/9", "b", texts[1]),
             page("https://c.example/2", "c", texts[2]), page("https://a.example/3", "a", texts[3])]
    kept, dropped = distinct_articles(pages, texts)
    assert dropped == 2
    assert [k["url"] for k in kept] == ["https://a.example/1", "https://a.example/3"]
    assert [p["source"] for p in kept[0]["also_published"]] == ["b", "c"]


def test_a_day_of_many_stories_finds_every_republished_copy_and_nothing_else():
    """1,500 distinct stories and 60 copies edited as outlets do (a dateline, a credit, a few words
    changed): each copy points to its original, no original is taken for a copy."""
    import random

    rng = random.Random(7)
    words = ("perajin sentra batik tenun kabupaten kota dinas industri kecil produksi omzet pasar pelatihan "
             "bantuan alat kain motif pewarna alami desa kecamatan pameran pesanan ekspor bahan baku modal "
             "koperasi pemerintah daerah tahun bulan minggu harga naik turun usaha rumah tangga pekerja").split()
    stories = [" ".join(rng.choice(words) for _ in range(300)) for _ in range(1500)]
    copies, originals = [], []
    for k in rng.sample(range(1500), 60):
        edited = stories[k].split()
        for pos in rng.sample(range(300), 6):
            edited[pos] = rng.choice(words)
        copies.append("SEMARANG (Kabar) - " + " ".join(edited) + " (Antara)")
        originals.append(k)
    found = near_duplicate_of(stories + copies)
    assert found[:1500] == [None] * 1500
    assert found[1500:] == originals
