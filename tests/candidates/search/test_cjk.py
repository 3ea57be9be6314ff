"""The SQL function that indexes CJK text and the Python that rewrites queries agree, character for
character, at the edges of every range of the one CJK definition."""
from __future__ import annotations

import pytest
from django.db import connection

from candidates.parsing.textutil import CJK_CLASS, CJK_RE
from candidates.search.cjk import CJK_RUN_RE, cjk_bigrams


def _ranges() -> list[tuple[str, str]]:
    return [(CJK_CLASS[i], CJK_CLASS[i + 2]) for i in range(0, len(CJK_CLASS), 3)]


def _samples() -> list[str]:
    samples = ["机器学习工程师", "Python 工程师 at 上海", "王", "ML エンジニア", "abc", "", "数据 科学家 数据"]
    for low, high in _ranges():
        inside = [low, high]
        outside = [chr(ord(low) - 1), chr(ord(high) + 1)]
        samples.append("x" + "".join(inside) + "y")  # a two-character run at the range's edges
        samples.append("".join(outside) + low + high + low)  # neighbours that are not CJK
    return samples


def test_the_class_has_the_ranges_we_mean():
    assert ("\u4e00", "\u9fff") in _ranges() and ("\u3040", "\u30ff") in _ranges()
    assert CJK_RE.pattern == f"[{CJK_CLASS}]" and CJK_RUN_RE.pattern == f"[{CJK_CLASS}]+"


@pytest.mark.django_db
@pytest.mark.parametrize("text", _samples())
def test_sql_and_python_bigrams_agree(text):
    with connection.cursor() as cursor:
        cursor.execute("SELECT ats_cjk_bigrams(%s)", [text])
        (in_sql,) = cursor.fetchone()
    assert in_sql == cjk_bigrams(text)


def test_bigrams_split_runs_and_leave_other_text_alone():
    assert cjk_bigrams("机器学习") == " 机器 器学 学习 "
    assert cjk_bigrams("王") == " 王 "
    assert cjk_bigrams("Go 开发") == "Go  开发 "
