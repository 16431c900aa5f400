"""The confusion matrix between two analysts' tags, over the units kappa is computed on.

Rows are the first analyst's label of a unit, columns the second's; "no tag" is a label
like any other (``None``, shown as ``NONE_LABEL``), so units only one analyst tagged
sit in the last row or column. The cells are ``AgreementReport.confusion``, which is
the very table Cohen's kappa is computed from: the diagonal is the observed
agreement and ``ConfusionMatrix.kappa`` recomputes the reported overall kappa.
"""

from __future__ import annotations

from dataclasses import dataclass

from core.review.agreement import OVERALL, AgreementReport, Label

#: How the "no tag" label is written in reports.
NONE_LABEL = "(none)"


@dataclass(frozen=True, slots=True)
class ConfusionMatrix:
    """``counts[i][j]``: units the first analyst gave ``labels[i]`` and the second ``labels[j]``.

    Rows and columns share ``labels`` (tag paths in codebook-path order, then ``None``),
    so the diagonal is agreement. Every tag either analyst used has a row and a column.
    """

    analysts: tuple[str, str]
    unit: str
    labels: tuple[Label, ...]
    counts: tuple[tuple[int, ...], ...]

    @property
    def names(self) -> tuple[str, ...]:
        """The labels as shown: tag paths, and ``NONE_LABEL`` for no tag."""
        return tuple(NONE_LABEL if label is None else label for label in self.labels)

    @property
    def total(self) -> int:
        return sum(map(sum, self.counts))

    @property
    def agreed(self) -> int:
        return sum(self.counts[i][i] for i in range(len(self.labels)))

    def row_totals(self) -> tuple[int, ...]:
        return tuple(sum(row) for row in self.counts)

    def column_totals(self) -> tuple[int, ...]:
        return tuple(sum(column) for column in zip(*self.counts, strict=True)) if self.counts \
            else ()

    def kappa(self) -> float | None:
        """Cohen's kappa from the cells alone: ``(p_o - p_e) / (1 - p_e)``.

        ``None`` over no units; 1.0 when both analysts used one label throughout (as
        ``core.review.agreement`` reports it).
        """
        n = self.total
        if n == 0:
            return None
        expected = sum(r * c for r, c in zip(self.row_totals(), self.column_totals(),
                                             strict=True))
        if expected == n * n:
            return 1.0
        return (self.agreed * n - expected) / (n * n - expected)


def confusion_matrix(report: AgreementReport) -> ConfusionMatrix:
    """The matrix of ``report`` (from ``core.review.agreement.agreement``)."""
    tags: set[str] = {key for key in report.kappa if key != OVERALL}
    for pair in report.confusion:
        tags.update(label for label in pair if label is not None)
    ordered = sorted(tags, key=lambda path: (path.casefold(), path))
    labels: list[Label] = [*ordered, None]
    index = {label: i for i, label in enumerate(labels)}
    cells = [[0] * len(labels) for _ in labels]
    for (a, b), units in report.confusion.items():
        cells[index[a]][index[b]] += units
    return ConfusionMatrix(
        analysts=report.analysts, unit=report.unit, labels=tuple(labels),
        counts=tuple(tuple(row) for row in cells),
    )


__all__ = ["NONE_LABEL", "ConfusionMatrix", "confusion_matrix"]
