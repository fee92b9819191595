r"""Check contributor TeX without evaluating it: an allow-list, balanced groups and limits.

Formal statements are TeX math written by contributors, so they are untrusted. This
module never evaluates, parses into sympy, or expands a formula; it tokenizes it and
reports what it will not accept: a command outside the allow-list (``\input``,
``\write18``, ``\href``, ``\def`` ...), unbalanced ``{}`` or ``\left``/``\right``,
math-mode shifts or comments (``$``, ``%``, ``#``, ``&`` outside an environment), and
formulas so long, so deeply nested, or with such high power towers that a renderer
could be made to do unbounded work.

Examples:
    >>> tex_problems(r"x^\ast \in \arg\max_{x \in \mathcal{X}} f(x)")
    []
    >>> tex_problems(r"\input{/etc/passwd}")
    [(0, "TeX command '\\input' is not allowed")]
    >>> tex_problems("{x")
    [(0, "unbalanced '{': no matching '}'")]
"""

from __future__ import annotations

import re

__all__ = ["ALLOWED_COMMANDS", "MAX_DEPTH", "MAX_LENGTH", "MAX_POWER_TOWER", "tex_problems"]

MAX_LENGTH = 2_000
"""Longest formula accepted, in characters."""

MAX_DEPTH = 12
"""Deepest nesting of ``{...}`` groups accepted."""

MAX_POWER_TOWER = 2
"""Most superscripts stacked inside one another (``a^{b^{c}}`` is a tower of 2)."""

_GREEK = (
    "alpha beta gamma delta epsilon varepsilon zeta eta theta vartheta iota kappa lambda "
    "mu nu xi pi varpi rho varrho sigma varsigma tau upsilon phi varphi chi psi omega "
    "Gamma Delta Theta Lambda Xi Pi Sigma Upsilon Phi Psi Omega"
)
_SYMBOLS = (
    "in notin ni subset subseteq supset supseteq cup cap bigcup bigcap setminus emptyset "
    "varnothing forall exists nexists neg lnot land lor wedge vee implies impliedby iff "
    "to mapsto gets rightarrow leftarrow Rightarrow Leftarrow leftrightarrow "
    "Leftrightarrow longrightarrow Longrightarrow uparrow downarrow "
    "le leq ge geq lt gt neq ne approx sim simeq cong equiv propto ll gg prec succ "
    "preceq succeq mid nmid parallel perp "
    "times cdot cdots ldots dots vdots ddots circ bullet ast star pm mp div oplus otimes "
    "infty partial nabla prime hbar ell wp Re Im aleph top bot "
    "sum prod coprod int iint oint lim limsup liminf sup inf max min argmax argmin arg "
    "log ln exp sin cos tan det dim ker deg gcd Pr "
    "frac dfrac tfrac binom sqrt overline underline hat widehat tilde widetilde bar vec "
    "dot ddot check breve acute grave mathring overbrace underbrace overset underset "
    "stackrel "
    "mathcal mathbb mathbf mathrm mathit mathsf mathtt mathfrak boldsymbol text textrm "
    "textit textbf operatorname "
    "left right big Big bigg Bigg bigl bigr Bigl Bigr middle "
    "langle rangle lceil rceil lfloor rfloor lvert rvert lVert rVert vert Vert "
    "quad qquad "
    "begin end displaystyle textstyle limits nolimits "
    "colon vdash models"
)
ALLOWED_COMMANDS: frozenset[str] = frozenset((_GREEK + " " + _SYMBOLS).split())
"""Command names (without backslash) a formula may use."""

_ENVIRONMENTS = frozenset(
    ("aligned", "cases", "matrix", "pmatrix", "bmatrix", "vmatrix", "Bmatrix", "array", "gathered")
)
_SPACING = frozenset(",;:! {}|_\\")
"""Characters allowed after a backslash: spacing, escaped braces, norm bars, line break."""

_DIGITS = re.compile(r"\d+")
_TOKEN = re.compile(r"\\([A-Za-z]+)|\\(.?)|([{}^$%#&~])", re.DOTALL)


def tex_problems(latex: str) -> list[tuple[int, str]]:
    r"""Return ``(offset, message)`` for everything unsafe or malformed in a formula.

    The formula is only tokenized: nothing is expanded or evaluated, so a hostile
    formula costs time linear in its length.

    Args:
        latex: TeX math, as written in a concept's ``formal.latex`` or a symbol.

    Returns:
        Problems in order of offset; empty when the formula is acceptable.

    Examples:
        >>> tex_problems(r"\frac{a}{b} \le \sqrt{2}")
        []
        >>> tex_problems(r"x \write18{rm}")
        [(2, "TeX command '\\write18' is not allowed")]
        >>> tex_problems("9^{9^{9^{9}}}")
        [(8, 'power tower deeper than 2')]
        >>> tex_problems(r"\left( x")
        [(0, "'\\left' without a matching '\\right'")]
    """
    if len(latex) > MAX_LENGTH:
        return [(MAX_LENGTH, f"formula longer than {MAX_LENGTH} characters")]
    problems: list[tuple[int, str]] = []
    groups: list[tuple[int, int]] = []  # (offset of '{', power-tower height inside it)
    lefts: list[int] = []
    envs: list[tuple[int, str]] = []
    tower = 0  # superscripts open around the current position
    pending_power = False  # a '^' waits for its argument
    env_pending: str | None = None
    tower_reported = False
    for match in _TOKEN.finditer(latex):
        offset = match.start()
        word, char, special = match.groups()
        if word is not None:
            pending_power = False
            if word not in ALLOWED_COMMANDS:
                digits = _DIGITS.match(latex, match.end())
                shown = word + (digits.group() if digits else "")
                problems.append((offset, f"TeX command '\\{shown}' is not allowed"))
            elif word == "left":
                lefts.append(offset)
            elif word == "right":
                if lefts:
                    lefts.pop()
                else:
                    problems.append((offset, "'\\right' without a matching '\\left'"))
            elif word in ("begin", "end"):
                env_pending = word
            continue
        if char is not None:
            pending_power = False
            if not char:
                problems.append((offset, "a formula cannot end with a lone backslash"))
            elif char not in _SPACING:
                problems.append((offset, f"TeX control symbol '\\{char}' is not allowed"))
            continue
        if special in "$%#":
            problems.append((offset, f"'{special}' is not allowed in a formula"))
        elif special == "&" and not envs:
            problems.append((offset, "'&' outside an aligned environment"))
        elif special == "^":
            pending_power = True
            continue
        elif special == "{":
            height = tower + 1 if pending_power else tower
            groups.append((offset, tower))
            tower = height
            if tower > MAX_POWER_TOWER and not tower_reported:
                problems.append((offset, f"power tower deeper than {MAX_POWER_TOWER}"))
                tower_reported = True
            if len(groups) > MAX_DEPTH:
                problems.append((offset, f"groups nested deeper than {MAX_DEPTH}"))
                return problems
            if env_pending is not None:
                name = re.match(r"\{([A-Za-z*]*)\}", latex[offset:])
                env = name.group(1) if name else ""
                if env not in _ENVIRONMENTS:
                    problems.append((offset, f"environment '{env}' is not allowed"))
                elif env_pending == "begin":
                    envs.append((offset, env))
                elif envs and envs[-1][1] == env:
                    envs.pop()
                else:
                    problems.append(
                        (offset, f"'\\end{{{env}}}' does not close an open environment")
                    )
                env_pending = None
        elif special == "}":
            if groups:
                tower = groups.pop()[1]
            else:
                problems.append((offset, "unbalanced '}': no matching '{'"))
        pending_power = False
    problems += [(offset, "unbalanced '{': no matching '}'") for offset, _ in groups]
    problems += [(offset, "'\\left' without a matching '\\right'") for offset in lefts]
    problems += [(offset, f"environment '{env}' is not closed") for offset, env in envs]
    return sorted(problems)
