"""Tests for the automaton scan of scrapers/reading/places.py: word boundaries at its hits, how the words
of a name may be joined, and that it finds what walking the text word by word finds."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from scrapers.reading import places as P

FIXTURES = Path(__file__).parent / 'fixtures'


def _keys(text: str) -> list[tuple[str, str]]:
    """(surface, key) of every hit."""
    return [(text[s:e], k) for s, e, k, _ in P._hits(text, P._lower(text))[0]]


def _walk(text: str) -> list[tuple[int, int, str]]:
    """Reference: every index key written as words joined by _JOIN_SEP / _ABBR_JOIN_SEP, found by
    walking the words one by one (the scan before the automaton)."""
    keys = P._index().keys
    longest = max(map(len, keys))
    low = text.lower()
    words = [(m.start(), m.end(), low[m.start():m.end()].replace("'", '').replace('’', ''))
             for m in P._TOKEN.finditer(text)]
    out = []
    for i in range(len(words)):
        acc = ''
        for j in range(i, len(words)):
            if j > i:
                sep = text[words[j - 1][1]:words[j][0]]
                if not (P._JOIN_SEP.fullmatch(sep) or (len(words[j - 1][2]) <= 3 and P._ABBR_JOIN_SEP.fullmatch(sep))):
                    break
            acc += words[j][2]
            if len(acc) > longest:
                break
            if acc in keys:
                out.append((words[i][0], words[j][1], acc))
    return sorted(out, key=lambda h: (h[0], -h[1]))


@pytest.mark.parametrize('text, i, expected', [
    ('Bandung', 0, True),
    ('di Bandung', 3, True),
    ('Bandungan', 7, False),          # inside a word
    ("Ma'rang", 3, False),            # after an apostrophe inside a word
    ("d' Bandung", 3, True),
    ("Toko'Bandung", 5, False),
    ("''Bandung", 2, True),           # two apostrophes do not join words
    ('(Bandung', 1, True),
    ('_Bandung', 1, True),            # an underscore is not part of a word
    ('x-Bandung', 2, True),
])
def test_word_starts_at(text, i, expected):
    assert P._word_starts_at(text, i) is expected


@pytest.mark.parametrize('text, i, expected', [
    ('Bandung', 7, True),
    ('Bandung, Jabar', 7, True),
    ('Bandungan', 7, False),
    ("Bandung's", 7, False),          # the apostrophe joins "s" to the word
    ("Bandung' x", 7, True),
    ("Bandung''s", 7, True),
    ('Bandung_', 7, True),
])
def test_word_ends_at(text, i, expected):
    assert P._word_ends_at(text, i) is expected


@pytest.mark.parametrize('text, key, surfaces', [
    ('Bandung', 'bandung', ['Bandung']),                              # the whole text
    ('ke Bandung', 'bandung', ['Bandung']),                           # at the end
    ('Bandung kota kembang', 'bandung', ['Bandung']),                 # at the start
    ('Bandungan dan Kabandungan', 'bandung', []),                     # inside words only
    ('BANDUNG', 'bandung', ['BANDUNG']),
    ('Tanjung Pinang', 'tanjungpinang', ['Tanjung Pinang']),
    ('Tanjung-Pinang', 'tanjungpinang', ['Tanjung-Pinang']),
    ('Tanjung\u00a0\tPinang', 'tanjungpinang', ['Tanjung\u00a0\tPinang']),
    ('Tanjungpinang', 'tanjungpinang', ['Tanjungpinang']),
    ('Tanjung    Pinang', 'tanjungpinang', []),                      # four spaces do not join
    ('Tanjung--Pinang', 'tanjungpinang', []),
    ('Tanjung\nPinang', 'tanjungpinang', []),                         # nor a line break
    ('Tanjung\n\nPinang', 'tanjungpinang', []),                       # nor a blank line
    ('Tanjung, Pinang', 'tanjungpinang', []),
    ('Tanjung. Pinang', 'tanjungpinang', []),
    ("Tanjung' Pinang", 'tanjungpinang', []),
    ('Kep. Seribu', 'kepseribu', ['Kep. Seribu']),                    # a full stop after a short word
    ('Kep.Seribu', 'kepseribu', ['Kep.Seribu']),
    ('Kep..Seribu', 'kepseribu', []),
    ('Kepu. Seribu', 'kepuseribu', []),                               # not after a longer one
])
def test_hits(text, key, surfaces):
    assert [surface for surface, k in _keys(text) if k == key] == surfaces


def test_hits_longest_first_at_each_word():
    text = 'Kota Tanjung Pinang'
    hits = [(s, e, k) for s, e, k, _ in P._hits(text, P._lower(text))[0]]
    assert hits == _walk(text)
    assert [h[0] for h in hits] == sorted(h[0] for h in hits)


@pytest.mark.parametrize('text, lower', [
    ('Bandung dan bandung', {'bandung'}),
    ('Bandung', set()),
    ('kota Bandung', {'kota'} & set(P._index().keys)),
    ("ma'rang", {'marang'} & set(P._index().keys)),
])
def test_lower_keys(text, lower):
    assert P._hits(text, P._lower(text))[1] == lower


@pytest.mark.parametrize('text, i, expected', [
    ('Kota Bandung', 5, (0, 4, 'kota', ' ')),
    ('Kab. Bandung', 5, (0, 3, 'kab', '. ')),
    ('di Kab.Bandung', 7, (3, 6, 'kab', '.')),
    ('Kota (Bandung', 6, (0, 4, 'kota', ' (')),
    ('Kota\u00a0\t Bandung', 7, (0, 4, 'kota', '\u00a0\t ')),
    ("Jum'at Bandung", 7, (0, 6, 'jumat', ' ')),     # apostrophes inside the word are dropped
    ("Pak'  Bandung", 6, None),                      # an apostrophe is no separator
    ('Bandung', 0, None),
    ('   Bandung', 3, None),                         # no word before
    ('Kota    Bandung', 8, (0, 4, 'kota', '    ')),
    ('Kota       Bandung', 11, None),                # seven spaces: too far
    ('Kota, Bandung', 6, None),
    ('Kota\n\nBandung', 6, None),                    # not across a line break
    ('Kota . . Bandung', 9, None),
])
def test_word_before(text, i, expected):
    assert P._word_before(text, text.lower(), text[::-1], i) == expected


def test_lower_keeps_offsets():
    text = 'İstanbul dan Bandung'
    low = P._lower(text)
    assert len(low) == len(text)
    assert low.endswith('dan bandung')


@pytest.mark.parametrize('text', [
    'Di Kota Tanjung Pinang, Kep. Riau, dan D.I. Yogyakarta serta Bau-Bau; Tanjungpi nang.',
    "Sentra Ma'rang di Kab.\u00a0Pangkep, Kabupaten  Bandung   Barat, Kota\tBekasi dan KOTA BOGOR.",
    'Bandung\n\nSemarang - kota-kota di Jawa: Solo, Jogja, Surabaya...Malang.Batu',
    "'Bandung' dan ’Garut’ serta Bandung's dan Ciamis''s",
    'Tanjung    Pinang, Tanjung--Pinang, Kep..Seribu, Kepu. Seribu, Tanjung.Pinang, Tanjung -Pinang',
])
def test_hits_equal_the_word_walk(text):
    assert [(s, e, k) for s, e, k, _ in P._hits(text, P._lower(text))[0]] == _walk(text)


def test_hits_equal_the_word_walk_on_articles():
    texts = []
    for path in sorted(FIXTURES.glob('holdout*/*.json'))[:40]:
        doc = json.loads(path.read_text(encoding='utf-8'))
        texts.append(f"{doc.get('title') or ''}\n\n{doc.get('text') or ''}")
    assert len(texts) >= 20
    for text in texts:
        assert [(s, e, k) for s, e, k, _ in P._hits(text, P._lower(text))[0]] == _walk(text)


def test_scan_joined_equals_scan_of_the_whole():
    head, body = 'Sentra batik Kota Pekalongan', 'PEKALONGAN - Perajin di Kecamatan Pekalongan Barat dan bandung.'
    joined = P._scan_joined(head, '\n\n', body)
    P._SCANS.clear()
    whole = P._scanned(head + '\n\n' + body)
    assert joined == whole.raws
    assert P._scanned(head + '\n\n' + body) is not None
    P._SCANS.clear()
    P._scan_joined(head, '\n\n', body)
    assert P._SCANS[head + '\n\n' + body].lower_keys == whole.lower_keys


@pytest.mark.parametrize('text, expected', [
    ('di Desa Sukarara', True),
    ('desa Sukarara', True),
    ('DESA SUKARARA', True),
    ('Kelurahan\tKetapang', True),
    ('kelurahan  Ketapang', True),
    ('KELURAHAN Ketapang', True),
    ('Kel. Ketapang', True),
    ('Nagari Pariangan', True),
    ('Gampong Lamteh', True),
    ('Pekon Way', True),
    ('Badesa Sukarara', False),        # not a word of its own
    ('desa sukarara', False),          # the name must be capitalised
    ('Desa\nSukarara', False),         # on the same line
    ('Kel.Ketapang', False),
    ('Kelurahan', False),
    ('para perajin desa, Sukarara', False),
    ('', False),
])
def test_names_a_village(text, expected):
    assert P._names_a_village(text) is expected
    assert P._names_a_village(text) is bool(P._VILLAGE_HINT.search(text))


def test_dateline_cached_equals_found():
    text = 'SEMARANG - Sentra bandeng presto di Kota Semarang terus berkembang, kata para perajin di sana.'
    P._DATELINES.clear()
    first = P._dateline(text)
    assert first == P._find_dateline(text[:1500]) == P._dateline(text)
    assert text[first[0]:first[1]] == 'SEMARANG'


@pytest.mark.parametrize('text', [
    'Sentra batik di Kota Pekalongan.\nBaca juga: Sentra tenun di Jepara\nPerajin di Pekalongan.',
    'BACA JUGA Kota Solo\n  lihat juga: Kota Malang\r\nSimak: Bandung\nberita terkait\nRelated: x',
    'Bacaan di Bandung\nmembaca juga Kota Bogor\nartikel terkait',        # 'Bacaan' is not 'Baca'
    '\n\nBaca juga\n\n',
    'tanpa baris terkait',
    '',
])
def test_blank_related_lines(text):
    expected = P._RELATED_LINE.sub(lambda m: ' ' * len(m.group()), text)
    assert P._blank_related_lines(text) == expected
    assert len(P._blank_related_lines(text)) == len(text)


def test_blank_related_lines_blanks_the_line():
    text = 'A di Kota Solo.\nBaca juga: Kota Malang\nB.'
    assert P._blank_related_lines(text) == 'A di Kota Solo.\n' + ' ' * 22 + '\nB.'


@pytest.mark.parametrize('text, expected', [
    ('pameran di ', True),
    ('Di\t ', True),
    ('di', False),             # no space after
    ('hadi ', True),           # necessary, not sufficient: the patterns check the word boundary
    ('dia ', False),
    ('di , ', False),
    ('i ', False),
    ('', False),
])
def test_after_di(text, expected):
    assert P._after_di(text, len(text)) is expected


@pytest.mark.parametrize('before', [
    'pameran batik di ', 'Pameran Batik Nusantara Di ', 'Ekspo  produk UMKM di\t', 'kata Budi, Senin, di ',
    'Selasa (12/3) di ', 'pameran. Di ', 'hadi ', 'di', 'festival di sana di ',
])
def test_after_di_is_needed_by_the_venue_patterns(before):
    if P._EVENT_VENUE_BEFORE.search(before) or P._VENUE_BEFORE.search(before):
        assert P._after_di(before, len(before))


@pytest.mark.parametrize('gap', [' ', '  ', '   ', '    ', '      ', '       ', '.', '. ', ' . ', '(', ' (', '( ', ')',
                                 '..', '. .', ', ', '-', "' ", '\n', ' \t\u00a0.\u00a0\t ', '_'])
def test_word_before_takes_the_gaps_prefix_sep_takes(gap):
    text = 'Kota' + gap + 'Bandung'
    found = P._word_before(text, text.lower(), text[::-1], len(text) - len('Bandung'))
    if gap and P._PREFIX_SEP.fullmatch(gap):
        assert found == (0, 4, 'kota', gap)
    else:
        assert found is None


def test_find_mentions_asked_again_gives_an_equal_new_list():
    P._MENTIONS.clear()
    first = P.find_mentions('Kecamatan Tahunan, Jepara')
    first.append('changed by the caller')
    again = P.find_mentions('Kecamatan Tahunan, Jepara')
    assert again == first[:-1] and again
    P._MENTIONS.clear()
    assert P.find_mentions('Kecamatan Tahunan, Jepara') == again
