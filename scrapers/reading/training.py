"""Fit the reader's decisions on a labelled corpus, and measure them out of fold (``sentra train``).

The corpus is a folder of labelled articles in the devset's format (``shared/devset/README.md``). Each
article is rendered as a plain page and read with the rules deciding; every number the rules framed is
recorded as a ``decide.Candidate`` and labelled from the article's facts: kept when a labelled fact has
its value, with that fact's indicator, place choice and year choice. Four logistic regressions are fitted
on the labelled candidates (scikit-learn, imported here only: reading needs none of it) and written to
``model.json`` as feature weights. With ``cv``, folds are grouped by outlet (the URL's registered
domain), so no outlet is both fitted and scored; each fold's model reads its held-out articles through
the whole reader, and the pooled answers are scored with the scorer's metrics.

Deterministic: the same corpus gives the same model file, byte for byte.
"""
from __future__ import annotations

import hashlib
import html as html_lib
import json
import math
import re
import time
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlparse

from .decide import (PLACE_CHOICES, YEAR_CHOICES, Candidate, Model, logit, candidate_features, rules_decision,
                     rules_relevance)
from .sentra import words_overlap

MODEL_FORMAT = 1
MIN_ARTICLES_PER_WORD = 3      # a word feature must occur near numbers in this many articles
# the fitted indicator and place heads overrule the rules only with this lead in probability: out of fold
# they were right less often than the rules when they disagreed by less (facts F1 0.635 at 0, 0.697 at 0.7)
OVERRIDE_MARGIN = 0.7
C_GRID = (0.03, 0.1, 0.3, 1.0)   # inverse regularisation strengths tried by inner cross-validation
YEAR_ONLY = "y:"   # features only the year head learns from
HEAD_LEFT_OUT = {"keep": (YEAR_ONLY,), "indicator": (YEAR_ONLY,), "place": (YEAR_ONLY,), "year": ("a:",)}
RELEVANCE_C = 1.0   # the relevance head's regularisation: one row per article, about 140 of them
YEAR_C_GRID = (0.3, 1.0, 3.0, 10.0)   # the year head's own: it learns from the kept numbers only
NEVER_FACT_PREFIXES = ("veto=", "clause=", "cue=")   # rule verdicts that may turn out never to mark a fact
NEVER_FACT_MIN_ARTICLES = 3   # ... when they mark no labelled fact and numbers in this many articles
THRESHOLDS = tuple(round(0.2 + 0.05 * i, 2) for i in range(13))   # 0.20 .. 0.80
_TWO_PART_SUFFIXES = {"co.id", "go.id", "or.id", "ac.id", "web.id", "my.id", "sch.id", "desa.id", "biz.id", "net.id"}


# ---------------------------------------------------------------- the corpus
def load_corpus(folder: str | Path) -> list[dict]:
    """The labelled articles of a folder (``*.json``), in file-name order."""
    paths = sorted(Path(folder).glob("*.json"))
    return [json.loads(p.read_text(encoding="utf-8")) for p in paths]


def outlet(article: dict) -> str:
    """The outlet an article comes from: its URL's registered domain ('jateng.antaranews.com' and
    'babel.antaranews.com' are one outlet)."""
    host = (urlparse(article.get("url") or "").hostname or "").lower()
    parts = host.split(".")
    if len(parts) >= 3 and ".".join(parts[-2:]) in _TWO_PART_SUFFIXES:
        return ".".join(parts[-3:])
    return ".".join(parts[-2:]) or "(no url)"


def render(article: dict) -> str:
    """A labelled article as a plain page: its title, its paragraphs, its canonical URL."""
    title = html_lib.escape(article.get("title") or "")
    url = html_lib.escape(article.get("url") or "")
    body = "".join(f"<p>{html_lib.escape(p.strip())}</p>" for p in re.split(r"\n+", article["text"]) if p.strip())
    canon = f'<link rel="canonical" href="{url}">' if url else ""
    return (f'<!doctype html><html lang="id"><head><meta charset="utf-8"><title>{title}</title>{canon}</head>'
            f"<body><article><h1>{title}</h1>{body}</article></body></html>")


def read_article(article: dict, decider, judge=None) -> dict:
    from .extract import extract_page
    crawl = article.get("published") or "2026-01-01"
    return extract_page(render(article), crawl_date=crawl, decider=decider, judge=judge or rules_relevance)


# ---------------------------------------------------------------- labelled candidates
@dataclass
class Example:
    article: int                 # index in the corpus
    features: dict[str, float]
    keep: int
    indicator: str | None = None
    place: str | None = None
    year: str | None = None


def _words(s: str | None) -> set[str]:
    return set(re.findall(r"\w+", (s or "").lower()))


def _same_value(g: float, p: float) -> bool:
    return abs(float(p) - float(g)) <= 0.01 * max(abs(float(g)), 1.0)


def label_candidate(c: Candidate, facts: list[dict]) -> tuple[int, dict | None]:
    """Whether a labelled fact states this number, and which: the one with this value whose evidence
    shares most words with the candidate's sentence."""
    same = [f for f in facts if f.get("value") is not None and _same_value(f["value"], c.frame.quantity.value)]
    if not same:
        return 0, None
    sw = _words(c.sentence)
    best = max(same, key=lambda f: len(_words(f.get("evidence")) & sw) / max(1, len(_words(f.get("evidence")))))
    overlap = len(_words(best.get("evidence")) & sw) / max(1, len(_words(best.get("evidence"))))
    if overlap < 0.3 and c.frame.quantity.value < 100:
        return 0, None  # a small number that happens to equal a fact stated elsewhere
    return 1, best


def _place_label(c: Candidate, fact: dict) -> str | None:
    gold_city = fact.get("city_code") or None
    gold_prov = fact.get("province_code") or None
    for choice in PLACE_CHOICES:
        city, prov = c.place(choice)
        if city == gold_city and (gold_city is not None or (prov or None) == gold_prov):
            return choice
    return None


def _year_label(c: Candidate, fact: dict) -> str | None:
    """Every year choice that gives the labelled year, '|'-joined ('stated|published' when the sentence
    states the publication year): the label does not say which the writer meant, so each gets a share."""
    gold = fact.get("year")
    return "|".join(choice for choice in YEAR_CHOICES if c.year(choice) == gold) or None


def candidates_of(article: dict) -> list[Candidate]:
    """Every number the rules framed in an article, with its features."""
    seen: list[Candidate] = []

    def record(c: Candidate):
        c.features = candidate_features(c)
        seen.append(c)
        return rules_decision(c)

    read_article(article, record)
    return seen


def examples_of(articles: list[dict]) -> list[Example]:
    out = []
    for i, a in enumerate(articles):
        facts = a.get("facts") or []
        for c in candidates_of(a):
            keep, fact = label_candidate(c, facts)
            ex = Example(i, c.features, keep)
            if fact is not None:
                ex.indicator = fact["indicator"]
                ex.place = _place_label(c, fact)
                ex.year = _year_label(c, fact)
            out.append(ex)
    return out


# ---------------------------------------------------------------- analysts' corrections as labels
@dataclass
class CorrectionLabels:
    """Examples made from analysts' corrections of facts in the warehouse, and what came of them."""
    examples: list[Example]
    articles: list[dict]          # a stub per corrected article (its url), to group it by outlet
    first_index: int = 0          # the article index of the first stub
    used: int = 0                 # corrections that gave at least one label
    skipped: list[str] = field(default_factory=list)   # one line per correction that gave none, saying why


def _city_code(city_key: int | None) -> str | None:
    return f"{city_key // 100:02d}.{city_key % 100:02d}" if city_key else None


def correction_labels(corrections: list[dict], pages: dict[str, tuple[dict, str]], first_index: int) -> CorrectionLabels:
    """Labels from corrections (rows as warehouse.corrections.normalise makes them) of facts whose page
    is in ``pages`` (url -> (page record as the lake keeps it, crawl day)). A rejected fact is a negative
    example for its number; a fixed one is a positive example: its corrected value (the number read
    wrong is then a negative), or its number with the corrected city or year."""
    from .page import Page
    from .extract import extract_page
    out = CorrectionLabels([], [], first_index)
    by_url: dict[str, int] = {}
    for row in corrections:
        if row.get("action") not in ("fix_fact", "reject_fact"):
            continue
        url = row.get("article_url")
        if not url:
            out.skipped.append(f"{row['correction_id']}: names its fact by fact_key; give article_url, indicator, value")
            continue
        if url not in pages:
            out.skipped.append(f"{row['correction_id']}: {url} is not in the lake of the data folder")
            continue
        record, day = pages[url]
        seen: list[Candidate] = []

        def record_candidate(c: Candidate, seen=seen):
            c.features = candidate_features(c)
            seen.append(c)
            return rules_decision(c)

        extract_page(None, url, day, page=Page.from_record(record), decider=record_candidate)
        if url not in by_url:
            by_url[url] = first_index + len(out.articles)
            out.articles.append({"url": url, "facts": []})
        index = by_url[url]
        made = _labels_of_correction(row, seen, index)
        if made:
            out.examples += made
            out.used += 1
        else:
            out.skipped.append(f"{row['correction_id']}: the reader frames no number {row['match_value']:g} in {url}")
    return out


def _labels_of_correction(row: dict, cands: list[Candidate], index: int) -> list[Example]:
    read = [c for c in cands if _same_value(row["match_value"], c.frame.quantity.value)]
    if row["action"] == "reject_fact":
        return [Example(index, c.features, 0) for c in read]
    if row.get("new_value") is not None:
        right = [c for c in cands if _same_value(row["new_value"], c.frame.quantity.value)]
        return ([Example(index, c.features, 1, row["indicator"]) for c in right]
                + [Example(index, c.features, 0) for c in read if c not in right])
    made = []
    for c in read:
        ex = Example(index, c.features, 1, row["indicator"])
        if row.get("new_city_key") is not None:
            code = _city_code(row["new_city_key"])
            ex.place = _place_label(c, {"city_code": code, "province_code": code.split(".")[0]})
        if row.get("new_reference_year") is not None:
            ex.year = _year_label(c, {"year": row["new_reference_year"]})
        made.append(ex)
    return made


# ---------------------------------------------------------------- fitting
def _vocabulary(examples: list[Example]) -> list[str]:
    """Feature names kept: every rule verdict, and the words seen near numbers in enough articles."""
    seen: dict[str, set[int]] = {}
    for ex in examples:
        for k in ex.features:
            seen.setdefault(k, set()).add(ex.article)
    return sorted(k for k, arts in seen.items()
                  if not _is_word_feature(k) or len(arts) >= MIN_ARTICLES_PER_WORD)


def _is_word_feature(name: str) -> bool:
    return name[:2] in ("L:", "R:") or name[:3] in ("L1:", "R1:")


def _matrix(examples: list[Example], vocab: list[str]):
    from scipy.sparse import csr_matrix
    index = {k: j for j, k in enumerate(vocab)}
    rows, cols, vals = [], [], []
    for i, ex in enumerate(examples):
        for k, v in ex.features.items():
            j = index.get(k)
            if j is not None and k != "bias":
                rows.append(i); cols.append(j); vals.append(v)
    return csr_matrix((vals, (rows, cols)), shape=(len(examples), len(vocab)))


def _fit_head(examples: list[Example], vocab: list[str], target: str, c_reg: float) -> dict | None:
    from sklearn.linear_model import LogisticRegression
    rows, ys, weights = [], [], []
    for ex in examples:
        label = getattr(ex, target)
        if label is None:
            continue
        shares = str(label).split("|") if target == "year" else [label]
        for y in shares:   # an ambiguous year label: one row per choice that gives it, sharing its weight
            rows.append(ex); ys.append(y); weights.append(1.0 / len(shares))
    if len(set(ys)) < 2:
        return None
    X = _matrix(rows, vocab)
    lr = LogisticRegression(C=c_reg, max_iter=2000, solver="lbfgs")
    lr.fit(X, ys, sample_weight=weights)
    classes = [str(c) for c in lr.classes_]
    if target == "keep":
        return {"weights": _weights(vocab, lr.coef_[0]), "intercept": round(float(lr.intercept_[0]), 5)}
    if len(classes) == 2:  # scikit-learn keeps one row for two classes: write both sides out
        w = _weights(vocab, lr.coef_[0])
        return {"weights": {classes[1]: w, classes[0]: {k: -v for k, v in w.items()}},
                "intercept": {classes[1]: round(float(lr.intercept_[0]), 5),
                              classes[0]: round(-float(lr.intercept_[0]), 5)}}
    return {"weights": {c: _weights(vocab, lr.coef_[k]) for k, c in enumerate(classes)},
            "intercept": {c: round(float(lr.intercept_[k]), 5) for k, c in enumerate(classes)}}


def _weights(vocab: list[str], coef) -> dict[str, float]:
    return {k: round(float(w), 5) for k, w in zip(vocab, coef) if abs(float(w)) >= 1e-5}


def _fit_heads(examples: list[Example], c_reg: float, only_keep: bool = False,
               year_c: float | None = None) -> tuple[dict, list[str]]:
    all_vocab = _vocabulary(examples)
    vocab = _head_vocab(all_vocab, "keep")
    # with a single class to learn (a tiny corpus) the keep head is the constant its examples give
    share = sum(ex.keep for ex in examples) / max(1, len(examples))
    constant = {"weights": {}, "intercept": 8.0 if share >= 0.5 else -8.0}
    heads = {"keep": _fit_head(examples, vocab, "keep", c_reg) or constant}
    if only_keep:
        return heads, vocab
    kept = [ex for ex in examples if ex.keep]
    for name in ("indicator", "place", "year"):
        c = year_c if name == "year" and year_c else c_reg
        heads[name] = _fit_head(kept, _head_vocab(all_vocab, name), name, c) or {"weights": {}, "intercept": {}}
    return heads, all_vocab


def _head_vocab(vocab: list[str], head: str) -> list[str]:
    """The features a head learns from: year-only features ('y:') are the year head's alone."""
    left_out = HEAD_LEFT_OUT.get(head, ())
    return [k for k in vocab if not k.startswith(left_out)] if left_out else vocab


def never_facts(examples: list[Example]) -> list[str]:
    """Rule verdicts (a veto, a clause's scope, a cue) that mark no labelled fact in the fitting corpus
    and mark numbers in several of its articles. The logistic heads shrink such rare, clean-cut
    features towards zero; as a hard drop they cost nothing the corpus knows of."""
    marks_fact: set[str] = set()
    articles_of: dict[str, set[int]] = {}
    for ex in examples:
        for k in ex.features:
            if k.startswith(NEVER_FACT_PREFIXES):
                if ex.keep:
                    marks_fact.add(k)
                articles_of.setdefault(k, set()).add(ex.article)
    return sorted(k for k, arts in articles_of.items()
                  if k not in marks_fact and len(arts) >= NEVER_FACT_MIN_ARTICLES)


def _choose_year_c(examples: list[Example], articles: list[dict], folds: int = 3) -> float:
    """The year head's regularisation: the one whose inner out-of-fold choices give the labelled year
    most often, over the kept numbers that have a year label."""
    kept = [ex for ex in examples if ex.keep and ex.year]
    groups = [outlet(articles[ex.article]) for ex in kept]
    best = (-1, YEAR_C_GRID[0])
    for c in YEAR_C_GRID:
        right = 0
        for train_idx, test_idx in _group_folds(groups, folds):
            vocab = _head_vocab(_vocabulary([kept[i] for i in train_idx]), "year")
            head = _fit_head([kept[i] for i in train_idx], vocab, "year", c)
            if head is None:
                continue
            m = Model({"version": "inner", "threshold": 0.5, "heads": {"keep": {"weights": {}, "intercept": 0.0},
                                                                       "year": head}})
            for i in test_idx:
                year = m.choose(kept[i].features, *_frame_of(kept[i].features))[5]
                right += year in kept[i].year.split("|")
        if right > best[0]:
            best = (right, c)
    return best[1]


def _choose_settings(examples: list[Example], articles: list[dict], folds: int = 3) -> tuple[float, float]:
    """The regularisation and keep threshold with the best fact F1 on inner out-of-fold probabilities
    (candidate level), so that nothing is tuned on the articles an outer fold scores."""
    groups = [outlet(articles[ex.article]) for ex in examples]
    n_gold = sum(len(a.get("facts") or []) for a in articles)
    best = (-1.0, 1.0, 0.5)
    for c_reg in C_GRID:
        probs = [0.0] * len(examples)
        for train_idx, test_idx in _group_folds(groups, folds):
            heads, _ = _fit_heads([examples[i] for i in train_idx], c_reg, only_keep=True)
            m = Model({"version": "inner", "threshold": 0.5, "heads": heads})
            for i in test_idx:
                probs[i] = m.keep_probability(examples[i].features)
        for t in THRESHOLDS:
            pred = sum(1 for p in probs if p >= t)
            tp = sum(1 for p, ex in zip(probs, examples) if p >= t and ex.keep)
            prec, rec = (tp / pred if pred else 0.0), (tp / n_gold if n_gold else 0.0)
            f1 = 2 * prec * rec / (prec + rec) if prec + rec else 0.0
            if f1 > best[0] + 1e-9:
                best = (f1, c_reg, t)
    return best[1], best[2]


def _frame_of(feats: dict[str, float]) -> tuple[str, bool, bool]:
    """The rules' indicator, money or not, and 'unnamed', as a candidate's features record them."""
    rule_ind = next((k[4:] for k in feats if k.startswith("ind=")), "")
    return rule_ind, "kind=money" in feats, "veto=unnamed" in feats


def _calibration(examples: list[Example], articles: list[dict], c_reg: float, threshold: float,
                 folds: int = 3) -> dict | None:
    """How the heads' probabilities map to 'the fact is right' (kept, and its indicator and place are
    the labelled ones): a logistic fit on inner out-of-fold decisions of the kept candidates."""
    groups = [outlet(articles[ex.article]) for ex in examples]
    rows, right = [], []
    for train_idx, test_idx in _group_folds(groups, folds):
        heads, _ = _fit_heads([examples[i] for i in train_idx], c_reg)
        m = Model({"version": "inner", "threshold": threshold, "heads": heads, "margins": {
            "indicator": OVERRIDE_MARGIN, "place": OVERRIDE_MARGIN}})
        for i in test_idx:
            ex = examples[i]
            p, ind, p_ind, place, p_place, _ = m.choose(ex.features, *_frame_of(ex.features))
            if p < threshold:
                continue
            rows.append([logit(p), math.log(max(p_ind, 1e-6)), math.log(max(p_place, 1e-6))])
            right.append(bool(ex.keep and ind == ex.indicator and place == ex.place))
    if len(set(right)) < 2:
        return None
    from sklearn.linear_model import LogisticRegression
    lr = LogisticRegression(C=1.0, max_iter=1000).fit(rows, right)
    a, b, c = (round(float(x), 5) for x in lr.coef_[0])
    return {"keep": a, "indicator": b, "place": c, "intercept": round(float(lr.intercept_[0]), 5)}


def _group_folds(groups: list[str], k: int, seed: int = 0):
    """K folds with no group on both sides: groups sorted by size then name (or, with a seed, a hash of
    it), each dealt to the lightest fold."""
    sizes: dict[str, int] = {}
    for g in groups:
        sizes[g] = sizes.get(g, 0) + 1
    load = [0] * k
    fold_of: dict[str, int] = {}
    order = (lambda g: (-sizes[g], g)) if not seed else \
        (lambda g: (-sizes[g], hashlib.sha1(f"{seed}:{g}".encode()).hexdigest()))
    for g in sorted(sizes, key=order):
        j = min(range(k), key=lambda j: (load[j], j))
        fold_of[g] = j
        load[j] += sizes[g]
    for j in range(k):
        test = [i for i, g in enumerate(groups) if fold_of[g] == j]
        train = [i for i, g in enumerate(groups) if fold_of[g] != j]
        yield train, test


def fit(articles: list[dict], c_reg: float | None = None, examples: list[Example] | None = None,
        extra: CorrectionLabels | None = None) -> dict:
    """The model file's content, fitted on ``articles`` and ``extra`` labels from corrections (``c_reg``:
    fix the regularisation instead of choosing it by inner cross-validation)."""
    examples = examples if examples is not None else examples_of(articles)
    labelled = articles
    articles, examples = _with_corrections(articles, examples, extra)
    chosen_c, threshold = _choose_settings(examples, articles)
    c_reg = c_reg or chosen_c
    calibration = _calibration(examples, articles, c_reg, threshold)
    year_c = _choose_year_c(examples, articles)
    heads, vocab = _fit_heads(examples, c_reg, year_c=year_c)
    body = {"format": MODEL_FORMAT, "threshold": threshold, "heads": heads, "features": vocab,
            "never_facts": never_facts(examples),
            "margins": {"indicator": OVERRIDE_MARGIN, "place": OVERRIDE_MARGIN}, "regularisation": c_reg,
            "year_regularisation": year_c,
            "calibration": calibration,
            "trained_on": {"articles": len(articles), "candidates": len(examples),
                           "facts": sum(1 for ex in examples if ex.keep),
                           "correction_labels": len(extra.examples) if extra else 0}}
    relevance = _fit_relevance(labelled, Model({**body, "version": "fitting"}))
    if relevance:
        heads["relevance"] = relevance
    digest = hashlib.sha256(json.dumps(body, sort_keys=True).encode()).hexdigest()[:12]
    body["version"] = f"reader-{digest}"
    return body


def _fit_relevance(articles: list[dict], model: Model) -> dict | None:
    """The relevance head: a logistic fit of each article's label on the relevance features the reading
    (with the fact heads just fitted) gives it, over the articles about IKM that name a city."""
    examples = []
    for i, article in enumerate(articles):
        seen: list[dict] = []
        read_article(article, model.decide, lambda feats, rule, seen=seen: seen.append(feats) or rule)
        if seen:
            examples.append(Example(i, seen[-1], int(bool(article.get("relevant")))))
    vocab = sorted({k for ex in examples for k in ex.features})
    return _fit_head(examples, vocab, "keep", RELEVANCE_C) if len({ex.keep for ex in examples}) == 2 else None


def _with_corrections(articles: list[dict], examples: list[Example], extra: CorrectionLabels | None):
    """The articles and examples with the correction labels appended, their stubs renumbered after them."""
    if extra is None or not extra.examples:
        return articles, examples
    base = len(articles)
    moved = [Example(base + ex.article - extra.first_index, ex.features, ex.keep, ex.indicator, ex.place, ex.year)
             for ex in extra.examples]
    return articles + extra.articles, examples + moved


def model_bytes(model: dict) -> bytes:
    return (json.dumps(model, sort_keys=True, separators=(",", ":"), ensure_ascii=False) + "\n").encode("utf-8")


# ---------------------------------------------------------------- scoring (the scorer's metrics)
def _norm_commodity(s: str | None) -> str:
    s = (s or "").lower()
    s = re.sub(r"\b(sentra|industri|ikm|kecil|menengah|produk|pembuatan|dan)\b", " ", s)
    return " ".join(re.findall(r"[a-z0-9]+", s))


def _same_commodity(a: str | None, b: str | None) -> bool:
    """The scorer's test: two sentra with no commodity left after its normalising match each other."""
    a, b = _norm_commodity(a), _norm_commodity(b)
    if not a or not b:
        return not a and not b
    return words_overlap(a, b)


def _pairs(gold: list, pred: list, same) -> list[tuple[int, int]]:
    used, out = set(), []
    for gi, g in enumerate(gold):
        for i, p in enumerate(pred):
            if i not in used and same(g, p):
                used.add(i)
                out.append((gi, i))
                break
    return out


def _fact_same(strict: bool, exact: bool = False):
    def same(g, p):
        ok = (p.get("indicator") == g["indicator"] and _same_value(g["value"], p.get("value") or 0)
              and (not strict or (p.get("city_code") or None) == (g.get("city_code") or None)))
        if ok and exact:
            gw = _words(g.get("evidence"))
            ok = (p.get("year") or None) == (g.get("year") or None) and len(gw & _words(p.get("evidence"))) >= 0.5 * len(gw)
        return ok
    return same


def _prf(tp: int, n_pred: int, n_gold: int) -> dict:
    p = tp / n_pred if n_pred else (1.0 if not n_gold else 0.0)
    r = tp / n_gold if n_gold else 1.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return {"f1": round(f, 3), "precision": round(p, 3), "recall": round(r, 3), "tp": tp, "pred": n_pred, "gold": n_gold}


def score(golds: list[dict], preds: list[dict]) -> dict:
    """The metrics of ``shared/bench/score.py`` over paired gold and predicted records."""
    t = {k: [0, 0, 0] for k in ("facts", "any_city", "exact", "sentra")}
    primary_ok = primary_n = rel_ok = date_ok = date_n = 0
    for g, p in zip(golds, preds):
        gf, pf = g.get("facts") or [], p.get("facts") or []
        for key, same in (("facts", _fact_same(True)), ("any_city", _fact_same(False)), ("exact", _fact_same(True, True))):
            t[key][0] += len(_pairs(gf, pf, same)); t[key][1] += len(pf); t[key][2] += len(gf)
        gs, ps = g.get("sentra") or [], p.get("sentra") or []
        t["sentra"][0] += len(_pairs(gs, ps, lambda a, b: a.get("city_code") == b.get("city_code") and _same_commodity(
            a.get("commodity") or a.get("name_as_written"), b.get("commodity") or b.get("name"))))
        t["sentra"][1] += len(ps); t["sentra"][2] += len(gs)
        gc = [c["code"] for c in g.get("cities") or []]
        pc = [c.get("code") for c in p.get("cities") or []]
        if gc:
            primary_n += 1
            primary_ok += bool(pc) and pc[0] == gc[0]
        rel_ok += bool(p.get("relevant")) == bool(g.get("relevant"))
        if g.get("published"):
            date_n += 1
            date_ok += p.get("published") == g["published"]
    return {"articles": len(golds), "facts": _prf(*t["facts"]), "facts_ignoring_city": _prf(*t["any_city"]),
            "facts_with_year_and_sentence": _prf(*t["exact"]), "sentra": _prf(*t["sentra"]),
            "primary_city_accuracy": round(primary_ok / primary_n, 3) if primary_n else None,
            "relevance_accuracy": round(rel_ok / len(golds), 3) if golds else None,
            "published_date_accuracy": round(date_ok / date_n, 3) if date_n else None}


def reliability(golds: list[dict], preds: list[dict]) -> list[dict]:
    """Of the facts read with a confidence in each band, how many are right (strict fact match)."""
    bands = [(0.0, 0.5), (0.5, 0.6), (0.6, 0.7), (0.7, 0.8), (0.8, 0.9), (0.9, 1.01)]
    counts = [[0, 0] for _ in bands]
    same = _fact_same(True)
    for g, p in zip(golds, preds):
        pf = p.get("facts") or []
        right = {i for _, i in _pairs(g.get("facts") or [], pf, same)}
        for i, f in enumerate(pf):
            c = float(f.get("confidence") or 0)
            for j, (lo, hi) in enumerate(bands):
                if lo <= c < hi:
                    counts[j][0] += 1
                    counts[j][1] += i in right
    return [{"confidence": f"{lo:.1f}-{min(hi, 1.0):.1f}", "facts": n, "right": r,
             "share_right": round(r / n, 2) if n else None} for (lo, hi), (n, r) in zip(bands, counts)]


@dataclass
class CrossValidation:
    folds: int
    outlets: int
    scores: dict
    rules_scores: dict
    reliability: list[dict]
    seconds: float
    correction_labels: int = 0     # labels from analysts' corrections in every fold's fitting part


def cross_validate(articles: list[dict], k: int = 5, c_reg: float | None = None, seed: int = 0,
                   extra: CorrectionLabels | None = None) -> CrossValidation:
    """Out-of-fold answers for every article, folds grouped by outlet, scored together. ``extra``
    (labels from corrections) join the fitting part of every fold and are never scored."""
    t0 = time.perf_counter()
    examples = examples_of(articles)
    groups = [outlet(a) for a in articles]
    preds: list[dict | None] = [None] * len(articles)
    rules = [read_article(a, rules_decision) for a in articles]
    for train_idx, test_idx in _group_folds(groups, k, seed):
        train_set = set(train_idx)
        train_articles = [articles[i] for i in train_idx]
        remap = {old: new for new, old in enumerate(train_idx)}
        train_examples = [Example(remap[ex.article], ex.features, ex.keep, ex.indicator, ex.place, ex.year)
                          for ex in examples if ex.article in train_set]
        model = Model(fit(train_articles, c_reg, train_examples, extra))
        for i in test_idx:
            preds[i] = read_article(articles[i], model.decide, model.relevant)
    return CrossValidation(k, len(set(groups)), score(articles, preds), score(articles, rules),
                           reliability(articles, preds), round(time.perf_counter() - t0, 1),
                           correction_labels=len(extra.examples) if extra else 0)


def format_cv(cv: CrossValidation) -> str:
    """The out-of-fold report: the scorer's metrics beside the rules alone, and the reliability table."""
    lines = [f"out of fold: {cv.folds} folds grouped by outlet ({cv.outlets} outlets), {cv.scores['articles']} articles, "
             f"{cv.seconds} s", f"labels from analysts' corrections (fitting only, never scored): {cv.correction_labels}",
             "", f"{'metric':<30} {'rules alone':>12} {'fitted':>8}"]
    for key in ("facts", "facts_ignoring_city", "facts_with_year_and_sentence", "sentra"):
        r, f = cv.rules_scores[key], cv.scores[key]
        lines.append(f"{key + ' F1':<30} {r['f1']:>12.3f} {f['f1']:>8.3f}   (P {f['precision']:.3f} R {f['recall']:.3f})")
    for key in ("primary_city_accuracy", "relevance_accuracy", "published_date_accuracy"):
        lines.append(f"{key:<30} {cv.rules_scores[key]:>12.3f} {cv.scores[key]:>8.3f}")
    lines += ["", "reliability (fitted, out of fold):", f"{'confidence':<12} {'facts':>6} {'right':>6} {'share':>6}"]
    for row in cv.reliability:
        share = "" if row["share_right"] is None else f"{row['share_right']:.2f}"
        lines.append(f"{row['confidence']:<12} {row['facts']:>6} {row['right']:>6} {share:>6}")
    return "\n".join(lines)
