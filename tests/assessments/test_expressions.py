"""The expression language as a questionnaire author meets it: values, blanks, refusals."""

from datetime import date
from decimal import Decimal

import pytest

from assessments.expressions import (
    Call,
    ExpressionError,
    Number,
    Operation,
    Reference,
    columns,
    evaluate,
    parse,
    references,
    to_xlsform,
    truthy,
)


def value(text: str, current: object = None, **answers: object) -> object:
    return evaluate(parse(text), answers=answers, current=current, today=date(2025, 3, 14))


def error(text: str) -> ExpressionError:
    with pytest.raises(ExpressionError) as caught:
        parse(text)
    return caught.value


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("1 + 2 * 3", 7),
        ("(1 + 2) * 3", 9),
        ("10 - 4 - 3", 3),
        ("7 div 2", 3.5),
        ("7 mod 3", 1),
        ("-7 mod 3", -1),
        ("-2 * -3", 6),
        ("1 + 2 * 3 = 7", True),
        ("1 = 1 or 1 = 2 and 1 = 2", True),
        ("2 > 1 = 1", True),
        ("0.1 * 3 > 0.2", True),
    ],
)
def test_arithmetic_and_precedence_follow_xpath(text, expected):
    assert value(text) == expected


def test_precedence_is_visible_in_the_tree():
    assert parse("1 + 2 * 3") == Operation(
        "+", Number("1"), Operation("*", Number("2"), Number("3"))
    )


def test_references_read_the_answers_and_are_listed():
    node = parse("${age} >= 18 and selected(${roles}, 'mayor') or ${age} = .")
    assert references(node) == {"age", "roles"}
    assert value("${age} >= 18", age=18) is True
    assert value("${age} >= 18", age="17") is False


def test_answers_that_look_numeric_compare_as_numbers():
    assert value("${a} > ${b}", a="10", b="9") is True
    assert value("${a} = 5", a="5.0") is True
    assert value("${a} > ${b}", a="b", b="a") is True  # strings compare as strings


def test_dates_compare_in_order_with_today():
    assert value("today()") == "2025-03-14"
    assert value("${visit} <= today()", visit=date(2025, 3, 1)) is True
    assert value("${visit} > today()", visit="2025-04-01") is True


def test_today_defaults_to_the_real_date():
    assert evaluate(parse("today()"), answers={}) == date.today().isoformat()


@pytest.mark.parametrize("blank", [None, "", [], "missing"])
def test_a_blank_answer_is_an_empty_string(blank):
    answers = {} if blank == "missing" else {"age": blank}
    node = parse("${age}")
    assert evaluate(node, answers=answers) in ("", ())
    assert evaluate(parse("${age} > 5"), answers=answers) is False
    assert evaluate(parse("${age} < 5"), answers=answers) is False
    assert evaluate(parse("${age} = ''"), answers=answers) is True
    assert evaluate(parse("${age} != 5"), answers=answers) is True
    assert evaluate(parse("${age} + 1"), answers=answers) == ""


def test_division_by_zero_is_blank_not_an_error():
    assert value("1 div 0") == ""
    assert value("5 mod 0") == ""
    assert value("${n} div ${d}", n=4, d="0") == ""


def test_arithmetic_on_text_is_blank():
    assert value("${name} * 2", name="Ana") == ""
    assert value("-${name}", name="Ana") == ""


@pytest.mark.parametrize(
    "answer", [["water", "food"], ("water", "food"), {"water", "food"}, "water food"]
)
def test_selected_and_count_selected_read_lists_and_space_separated_strings(answer):
    assert value("selected(${needs}, 'food')", needs=answer) is True
    assert value("selected(${needs}, 'shelter')", needs=answer) is False
    assert value("count-selected(${needs})", needs=answer) == 2


def test_selected_on_a_blank_answer():
    assert value("selected(${needs}, 'food')") is False
    assert value("count-selected(${needs})") == 0
    assert value("count-selected(${needs})", needs=" ") == 0


def test_string_length():
    assert value("string-length(${name})", name="Quito") == 5
    assert value("string-length(${name})") == 0
    assert value("string-length(12.5)") == 4
    assert value("string-length(.) <= 3", current="Rio") is True


def test_regex_finds_the_pattern_as_xlsform_clients_do_and_anchors_test_the_whole_answer():
    assert value(r"regex(., '\d{5}')", current="123456") is True
    assert value(r"regex(., '^\d{5}$')", current="12345") is True
    assert value(r"regex(., '^\d{5}$')", current="123456") is False
    assert value(r"regex(${code}, '^[A-Z]{2}$')", code="BR") is True
    assert value(r"regex(${code}, '^[A-Z]{2}$')", code="bra") is False
    assert value(r"regex(., '\d+')", current="1" * 10_001) is False  # longer than the cap


def test_regex_patterns_are_checked_when_parsed():
    assert "quoted string" in error("regex(., ${pattern})").message
    assert error("regex(., ${pattern})").position == 9
    too_long = error("regex(., '" + "a" * 201 + "')")
    assert (too_long.position, "200" in too_long.message) == (9, True)
    invalid = error("regex(., '[a-')")
    assert invalid.position == 9
    assert invalid.message.startswith("Invalid regex pattern at position 9")


class ReadAnswers(dict):
    """Answers that remember which questions were read."""

    def __init__(self, **answers: object) -> None:
        super().__init__(answers)
        self.read: list[str] = []

    def get(self, name, default=None):
        self.read.append(name)
        return super().get(name, default)


def test_if_chooses_a_branch():
    assert value("if(${age} >= 18, 'adult', 'minor')", age=20) == "adult"
    assert value("if(${age} >= 18, 'adult', 'minor')", age=5) == "minor"
    assert value("if(${age} >= 18, 'adult', 'minor')") == "minor"


@pytest.mark.parametrize(
    ("text", "read"),
    [
        ("if(${a} = 1, ${yes}, ${no})", ["a", "yes"]),
        ("${a} = 1 or ${b} = 1", ["a"]),
        ("${a} = 2 and ${b} = 1", ["a"]),
        ("coalesce(${a}, ${b})", ["a"]),
    ],
)
def test_if_and_or_coalesce_short_circuit(text, read):
    answers = ReadAnswers(a=1)
    evaluate(parse(text), answers=answers)
    assert answers.read == read


def test_results_are_whole_numbers_when_they_can_be():
    assert value("4 div 2") == 2
    assert isinstance(value("4 div 2"), int)
    assert value("1.5 * 2") == 3
    assert value("${price} * 2", price=Decimal("2.25")) == 4.5
    assert value("string-length(4 div 2)") == 1


def test_string_literals_compare_with_choice_answers():
    assert value("${country} = 'BR'", country="BR") is True
    assert value('${country} != "BR"', country="AR") is True
    assert value("${needs} = 'food water'", needs=["food", "water"]) is True


def test_coalesce_takes_the_first_answered_value():
    assert value("coalesce(${phone}, ${email})", email="a@b.org") == "a@b.org"
    assert value("coalesce(${phone}, ${email})", phone="123", email="a@b.org") == "123"
    assert value("coalesce(${phone}, 'none')") == "none"


def test_constraints_read_the_current_answer():
    assert value(". >= 0 and . <= 120", current="35") is True
    assert value(". >= 0 and . <= 120", current=130) is False
    assert value("not(. = 'other')", current="other") is False


@pytest.mark.parametrize(
    ("raw", "expected"),
    [(True, True), (False, False), (0, False), (0.0, False), (2, True), ("", False),
     ("0", True), ("false", True), (None, False), ([], False), (["a"], True)],
)  # fmt: skip
def test_truthy_follows_xpath_boolean(raw, expected):
    assert truthy(raw) is expected


def test_booleans_compare_by_truth():
    assert value("true() = 1") is True
    assert value("false() = ''") is True
    assert value("(1 = 1) != (2 = 2)") is False


@pytest.mark.parametrize(
    ("text", "position", "start"),
    [
        ("", 0, "The expression is empty."),
        ("   ", 0, "The expression is empty."),
        ("1 + foo(2)", 4, "Unknown function “foo” at position 4. Supported: coalesce,"),
        ("(${a} + 1", 9, "Expected “)” at position 9."),
        ("(${a} + 1 2", 10, "Expected “)” at position 10."),
        ("${a} + 1)", 8, "Unexpected “)” at position 8."),
        ("${a} ${b}", 5, "Unexpected “${b}” at position 5."),
        ("1 +", 3, "Expected an expression at position 3."),
        ("* 2", 0, "Unexpected “*” at position 0."),
        ("not()", 0, "Wrong number of arguments for “not” at position 0: expected 1, got 0."),
        ("if(1, 2)", 0, "Wrong number of arguments for “if” at position 0: expected 3, got 2."),
        ("today(1)", 0, "Wrong number of arguments for “today”"),
        ("selected(${a} 'x')", 14, "Expected “,” or “)” at position 14."),
        ("'open", 0, "Unterminated string starting at position 0."),
        ("${a b}", 0, "Invalid reference at position 0"),
        ("${1st}", 0, "Invalid reference at position 0"),
        ("${a} == 1", 6, "Unexpected “=” at position 6."),
        ("${a} & 1", 5, "Unexpected character “&” at position 5."),
        ("age > 5", 0, "Unexpected “age” at position 0: write a reference as ${age}."),
        ("${a} and or ${b}", 9, "Unexpected “or” at position 9."),
    ],
)
def test_refusals_say_what_and_where(text, position, start):
    refused = error(text)
    assert refused.position == position
    assert refused.message.startswith(start), refused.message
    assert str(refused) == refused.message


@pytest.mark.parametrize(
    "text",
    [
        "__import__('os')",
        "${a}.__class__",
        "open('x')",
        "eval('1')",
        "${a}.upper()",
        "lambda: 1",
        "[1, 2]",
        "${a}[0]",
        "1 if 1 else 2",
        "`id`",
        "{'a': 1}",
        "2 ** 10",
        "'a' + 'b'.join('c')",
    ],
)
def test_python_never_parses(text):
    with pytest.raises(ExpressionError):
        parse(text)


def test_nesting_is_bounded():
    assert value("(" * 40 + "1" + ")" * 40) == 1
    assert "nested too deeply" in error("(" * 500 + "1" + ")" * 500).message
    assert "nested too deeply" in error("-" * 500 + "1").message
    assert "nested too deeply" in error(" + ".join(["1"] * 500)).message


ROUND_TRIP = [
    "1",
    "3.25",
    "'text'",
    '"it\'s"',
    "${age}",
    ".",
    "${age} >= 18",
    "1 + 2 * 3",
    "(1 + 2) * 3",
    "1 - (2 - 3)",
    "(1 - 2) - 3",
    "10 div (5 mod 3)",
    "- ${x} + 1",
    "-(${x} + 1)",
    "- -1",
    "${a} = 1 or ${b} = 2 and ${c} = 3",
    "(${a} = 1 or ${b} = 2) and ${c} = 3",
    "(1 = 1) = true()",
    "not(selected(${needs}, 'food'))",
    "count-selected(${needs}) > 2",
    "string-length(.) <= 140",
    r"regex(., '^\d{5}$')",
    "if(${age} >= 18, 'adult', if(${age} >= 12, 'teen', 'child'))",
    "coalesce(${phone}, ${email})",
    "${visit}<=today( )",
    "false() or ${x} != ''",
    "  ${a}*(${b}+${c})div 2  ",
]


@pytest.mark.parametrize("text", ROUND_TRIP)
def test_to_xlsform_round_trips(text):
    node = parse(text)
    canonical = to_xlsform(node)
    assert parse(canonical) == node
    assert to_xlsform(parse(canonical)) == canonical


def test_to_xlsform_is_canonical():
    assert to_xlsform(parse("  (${a})*(${b}+${c})div 2")) == "${a} * (${b} + ${c}) div 2"
    assert to_xlsform(parse("((1 = 1))")) == "1 = 1"
    assert to_xlsform(parse('"say"')) == "'say'"
    assert to_xlsform(parse("selected( ${q} ,'x' )")) == "selected(${q}, 'x')"


def test_nodes_are_immutable():
    node = parse("count-selected(${q})")
    assert node == Call("count-selected", (Reference("q"),))
    with pytest.raises(AttributeError):
        node.function = "eval"


# -- Choice filters: bare names are the filtered choice's columns ------------------------------


def test_a_bare_name_is_refused_outside_a_choice_filter():
    with pytest.raises(ExpressionError) as error:
        parse("country = ${country}")
    assert "${country}" in error.value.message


def test_a_choice_filter_reads_the_choice_columns_and_the_answers():
    node = parse("country = ${country} and name != 'other'", columns=True)
    answers = {"country": "AR"}
    assert evaluate(node, answers=answers, choice={"name": "cordoba", "country": "AR"}) is True
    assert evaluate(node, answers=answers, choice={"name": "other", "country": "AR"}) is False
    assert evaluate(node, answers=answers, choice={"name": "quito", "country": "EC"}) is False
    assert columns(node) == {"country", "name"}
    assert references(node) == {"country"}


def test_a_choice_filter_writes_back_to_the_same_xlsform_text():
    node = parse("country=${country}", columns=True)
    assert to_xlsform(node) == "country = ${country}"
    assert parse(to_xlsform(node), columns=True) == node
