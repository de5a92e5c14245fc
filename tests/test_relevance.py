"""Is a page about IKM / sentra IKM in a specific place?"""
import pytest

from scrapers.reading.relevance import assess, is_ikm_topic


@pytest.mark.parametrize("title, text, ok", [
    ("Perajin Batik Kian Kreatif", "Para perajin batik di sentra IKM itu menambah motif baru. Dinas Perindustrian membina mereka.", True),
    ("Jumlah IKM Naik", "Jumlah industri kecil dan menengah (IKM) naik menjadi 3.000 unit usaha.", True),
    ("Sentra Kuliner Ramai", "Sentra kuliner di alun-alun ramai. Pedagang kaki lima dan wisata kuliner jadi andalan. Jajanan murah.", False),
    ("Panen Bawang Merah", "Petani bawang merah panen raya. Produksi mencapai 40 ton per hektare. Harga gabah dan padi stabil. "
                           "Dinas pertanian membagikan benih dan pupuk kepada petani.", False),
    ("Timnas Menang", "Tim nasional menang 2-0 dalam laga persahabatan di stadion.", False),
    # weavers and batik makers are perajin, whatever the page calls them
    ("Jalan-jalan ke Kampung Tenun", "Di kampung itu hampir semua ibu adalah penenun. Kain tenun dan songket dijual di "
                                     "teras rumah.", True),
    # a theft among perajin is police news, not about the industry
    ("Pencuri Kain Tenun Diringkus", "Polres setempat meringkus dua tersangka pencurian kain di rumah seorang perajin tenun. "
                                     "Kapolres mengatakan tersangka ditangkap di terminal. Perajin itu rugi Rp 20 juta.", False),
    # a Kemensos 'Sentra <Name>' is a social rehabilitation centre
    ("Sentra Kasih Salurkan Bantuan", "Sentra Kasih, unit pelaksana Kementerian Sosial, menyalurkan bantuan rehabilitasi sosial "
                                      "kepada 60 penerima manfaat. Penerima manfaat termasuk penyandang disabilitas dan lansia. "
                                      "Sentra itu juga melatih penerima manfaat membuat kue.", False),
    ("Polisi Bina Perajin", "Polisi membantu pemasaran produk perajin tenun. Perajin dan pelaku IKM di sentra industri "
                            "itu senang. Dinas perindustrian ikut membina perajin.", True),
    # Kemenperin's training of new entrepreneurs (WUB) is about small industry
    ("Pelatihan WUB Dibuka", "Dinas perindustrian membuka kelas Wira Usaha Baru (WUB) membuat kain jumputan. "
                             "Pelatihan diikuti 25 orang dari tiga kelurahan.", True),
])
def test_topic(title, text, ok):
    assert is_ikm_topic(title, text) is ok


@pytest.mark.parametrize("kw, relevant", [
    (dict(cities=["33.10"], placed_facts=2, placed_sentra=0, city_mentions=3, province_mentions=1), True),
    (dict(cities=[], placed_facts=0, placed_sentra=0, city_mentions=0, province_mentions=4), False),
    # a province-wide piece whose only city is the reporter's base
    (dict(cities=["61.71"], placed_facts=0, placed_sentra=0, city_mentions=1, province_mentions=6), False),
    (dict(cities=["35.71"], placed_facts=0, placed_sentra=1, city_mentions=1, province_mentions=3), True),
    # no figures at all: a governor visiting potters in one town is still about that town
    (dict(cities=["33.10"], placed_facts=0, placed_sentra=0, city_mentions=1, province_mentions=4, province_facts=0), True),
    # a ministry's national figures given at a workshop in a city named only in the dateline and as the venue
    (dict(cities=["35.78"], placed_facts=0, placed_sentra=0, city_mentions=0, province_mentions=0, province_facts=0), False),
    # ... but a sentra tied to that city makes it the subject
    (dict(cities=["35.78"], placed_facts=0, placed_sentra=1, city_mentions=0, province_mentions=0, province_facts=0), True),
])
def test_assess(kw, relevant):
    text = "Perajin dan pelaku IKM di sentra industri kecil itu terus berproduksi."
    topic, rel = assess("Sentra IKM", text, **kw)
    assert topic is True and rel is relevant


@pytest.mark.parametrize("text, ok", [
    ("Warga menonton pawai budaya. Seorang perajin ikut menonton.", False),   # one passing mention
    ("Sentra sepatu itu ramai. Unit usaha sepatu bertambah dan pelaku usaha optimistis. Dinas perindustrian membina.", True),
])
def test_topic_needs_more_than_a_passing_mention(text, ok):
    assert is_ikm_topic("Berita", text) is ok


@pytest.mark.parametrize("text, dominant", [
    # a cooperative agency's training plan: UMKM and UKM throughout, small industry never named
    ("Dinas Koperasi dan UKM melatih UMKM. Pelaku UMKM dan koperasi dapat sertifikat. UMKM kuliner ikut. "
     "Jumlah UMKM naik. UKM binaan bertambah. Program UMKM berlanjut.", True),
    # UMKM named often, but IKM and perajin carry the story as well
    ("UMKM dan IKM kota itu tumbuh. Perajin batik, pelaku UMKM, dan sentra tenun ikut pameran UMKM. "
     "IKM makanan dan UMKM lain hadir. Perajin ukir ikut UMKM expo. UMKM binaan juga.", False),
    # a story about IKM that names UMKM once
    ("Sentra IKM gerabah di kota itu punya 120 perajin, sebagian juga tercatat sebagai UMKM.", False),
])
def test_a_story_about_umkm_in_general_is_told_apart(text, dominant):
    from scrapers.reading.relevance import umkm_dominant
    assert umkm_dominant(text) is dominant
