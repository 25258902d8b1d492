"""Page layout shared by every document: clinic header, running header, footer, page numbers.

:class:`ConsultDocTemplate` is a ``BaseDocTemplate`` with two page templates: ``First`` (the full
clinic header: logo, name, address and contacts) and ``Later`` (a one-line running header). The
footer (date produced, protocol version) is drawn in the page callback; "Page X of Y" is drawn by
:class:`NumberedCanvas` once the total is known. Headings (``Title``/``Heading`` styles) become
PDF bookmarks. Metadata (title, author = clinic, subject, language) is set on the document.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from reportlab.lib.pagesizes import A4, LETTER
from reportlab.lib.units import mm
from reportlab.lib.utils import ImageReader
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Flowable, Frame, PageTemplate, Paragraph
from reportlab.platypus.doctemplate import BaseDocTemplate

from consult_app.core.report_model import ClinicInfo, CommonLabels, FooterInfo, PageSize
from consult_app.documents.blocks import make_paragraph
from consult_app.documents.fonts import FONT_REGULAR
from consult_app.documents.styles import (
    ACCENT,
    FOOTER_BASELINE,
    GRID,
    MARGIN_BOTTOM,
    MARGIN_X,
    MUTED,
    Stylesheet,
)
from consult_app.documents.text import meta, para, plain, runs

logger = logging.getLogger(__name__)

PAGE_SIZES: dict[str, tuple[float, float]] = {"A4": A4, "Letter": LETTER}
FIRST_HEADER_HEIGHT = 30 * mm
LATER_HEADER_HEIGHT = 14 * mm
#: Top of the clinic header / baseline of the running header, from the top edge of the paper.
HEADER_TOP = 10 * mm
LOGO_MAX_WIDTH = 38 * mm
LOGO_MAX_HEIGHT = 17 * mm
BOOKMARK_STYLES = ("Title", "Heading", "SheetHeading", "LetterHeading")


class NumberedCanvas(Canvas):  # type: ignore[misc]  # reportlab ships no type hints
    """Canvas that holds pages back until the end, then stamps "Page X of Y" on each.

    Bookmarks set on a held page are replayed with it, so they point at the right page.
    Subclasses set :attr:`page_template` (``{page}``/``{total}``) and :attr:`font_size`.
    """

    page_template = "{page} / {total}"
    font_size = 7.5

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        # The page's initial font is embedded DejaVu, not the base-14 Helvetica (pdffonts).
        if not kwargs.get("initialFontName"):
            kwargs["initialFontName"] = FONT_REGULAR
        super().__init__(*args, **kwargs)
        self._held_pages: list[dict[str, Any]] = []
        self._page_bookmarks: list[tuple[str, dict[str, Any]]] = []

    def bookmarkPage(self, key: str, **kwargs: Any) -> None:  # noqa: N802  (reportlab API)
        """Remember a bookmark for the page being drawn; it is set when the page is written."""
        self._page_bookmarks.append((key, kwargs))

    def showPage(self) -> None:  # noqa: N802  (reportlab API)
        """Hold the finished page instead of writing it."""
        self._held_pages.append(dict(self.__dict__))
        self._startPage()
        self._page_bookmarks = []

    def save(self) -> None:
        """Write every held page with its number and the total, then the file."""
        total = len(self._held_pages)
        for state in self._held_pages:
            self.__dict__.update(state)
            for key, kwargs in state["_page_bookmarks"]:
                super().bookmarkPage(key, **kwargs)
            self._draw_page_number(total)
            super().showPage()
        super().save()

    def _draw_page_number(self, total: int) -> None:
        text = self.page_template.replace("{page}", str(self._pageNumber)).replace(
            "{total}", str(total)
        )
        width, _ = self._pagesize
        self.saveState()
        self.setFont(FONT_REGULAR, self.font_size)
        self.setFillColor(MUTED)
        self.drawRightString(width - MARGIN_X, FOOTER_BASELINE, text)
        self.restoreState()


def numbered_canvas_class(page_template: str) -> type[NumberedCanvas]:
    """Return a :class:`NumberedCanvas` subclass printing ``page_template`` (a label template)."""
    return type(
        "LabelledNumberedCanvas", (NumberedCanvas,), {"page_template": plain(page_template)}
    )


class ConsultDocTemplate(BaseDocTemplate):  # type: ignore[misc]  # reportlab ships no type hints
    """The page template of every document: clinic header, running header and footer."""

    def __init__(
        self,
        filename: str,
        *,
        styles: Stylesheet,
        page_size: PageSize,
        clinic: ClinicInfo,
        common: CommonLabels,
        footer: FooterInfo,
        title: str,
        subject: str,
        lang: str,
        running_header: str,
        invariant: bool = False,
    ) -> None:
        super().__init__(
            filename,
            pagesize=PAGE_SIZES[page_size],
            leftMargin=MARGIN_X,
            rightMargin=MARGIN_X,
            topMargin=FIRST_HEADER_HEIGHT,
            bottomMargin=MARGIN_BOTTOM,
            title=meta(title),
            author=meta(clinic.name),
            subject=meta(subject),
            creator="Neuromodulator Consult",
            lang=lang,
            displayDocTitle=1,
            invariant=1 if invariant else 0,
            initialFontName=FONT_REGULAR,
        )
        self._styles = styles
        self._clinic = clinic
        self._common = common
        self._footer = footer
        self._running_header = running_header
        self._bookmark_count = 0
        self._logo = _load_logo(clinic.logo_path)
        width, height = self.pagesize
        frame_width = width - 2 * MARGIN_X
        first = Frame(
            MARGIN_X,
            MARGIN_BOTTOM,
            frame_width,
            height - FIRST_HEADER_HEIGHT - MARGIN_BOTTOM,
            id="first",
            leftPadding=0,
            rightPadding=0,
            topPadding=0,
            bottomPadding=0,
        )
        later = Frame(
            MARGIN_X,
            MARGIN_BOTTOM,
            frame_width,
            height - LATER_HEADER_HEIGHT - MARGIN_BOTTOM,
            id="later",
            leftPadding=0,
            rightPadding=0,
            topPadding=0,
            bottomPadding=0,
        )
        self.addPageTemplates(
            [
                PageTemplate(
                    id="First",
                    frames=[first],
                    onPage=self._draw_first,
                    autoNextPageTemplate="Later",
                ),
                PageTemplate(id="Later", frames=[later], onPage=self._draw_later),
            ]
        )

    def build_story(self, story: Sequence[Flowable]) -> None:
        """Lay out ``story`` and write the file, with "Page X of Y" labels."""
        self.build(list(story), canvasmaker=numbered_canvas_class(self._common.page_of))

    def afterFlowable(self, flowable: Flowable) -> None:  # noqa: N802  (reportlab API)
        """Turn headings into PDF bookmarks."""
        if isinstance(flowable, Paragraph) and flowable.style.name in BOOKMARK_STYLES:
            self._bookmark_count += 1
            key = f"h{self._bookmark_count}"
            self.canv.bookmarkPage(key)
            self.canv.addOutlineEntry(meta(flowable.getPlainText()), key, level=0, closed=False)

    # -- page callbacks -------------------------------------------------------------------

    def _draw_first(self, canv: Canvas, doc: BaseDocTemplate) -> None:
        width, height = self.pagesize
        content_width = width - 2 * MARGIN_X
        top = height - HEADER_TOP
        left = MARGIN_X
        if self._logo is not None:
            logo, logo_w, logo_h = self._logo
            canv.drawImage(logo, left, top - logo_h, logo_w, logo_h, mask="auto")
            left += logo_w + 5 * mm
        contact_lines = [
            line for line in (self._clinic.address.splitlines() if self._clinic.address else [])
        ]
        if self._clinic.phone:
            contact_lines.append(f"{self._common.phone} {self._clinic.phone}")
        if self._clinic.email:
            contact_lines.append(f"{self._common.email} {self._clinic.email}")
        contact_width = content_width * 0.42
        if contact_lines:
            contact = make_paragraph(
                "<br/>".join(para(line) for line in contact_lines if line.strip()),
                self._styles.para["ClinicContact"],
            )
            _, contact_h = contact.wrap(contact_width, 30 * mm)
            contact.drawOn(canv, width - MARGIN_X - contact_width, top - contact_h)
        name_width = width - MARGIN_X - contact_width - left - 4 * mm
        if self._clinic.name:
            name = make_paragraph(para(self._clinic.name), self._styles.para["ClinicName"])
            _, name_h = name.wrap(name_width, 20 * mm)
            name.drawOn(canv, left, top - name_h)
        self._draw_rule(canv, height - FIRST_HEADER_HEIGHT + 3 * mm, ACCENT, 1.2)
        self._draw_footer(canv)

    def _draw_later(self, canv: Canvas, doc: BaseDocTemplate) -> None:
        width, height = self.pagesize
        y = height - HEADER_TOP
        canv.saveState()
        canv.setFillColor(ACCENT)
        draw_runs(canv, MARGIN_X, y, _fit(runs(self._clinic.name, bold=True), 8, 80 * mm), 8)
        canv.setFillColor(MUTED)
        header = _fit(runs(self._running_header), 8, width - 2 * MARGIN_X - 85 * mm)
        draw_runs(canv, width - MARGIN_X, y, header, 8, right=True)
        canv.restoreState()
        self._draw_rule(canv, y - 2.5 * mm, GRID, 0.6)
        self._draw_footer(canv)

    def _draw_footer(self, canv: Canvas) -> None:
        width, _ = self.pagesize
        parts = []
        if self._footer.produced_date:
            parts.append(f"{self._common.produced} {self._footer.produced_date}")
        if self._footer.protocol_version:
            parts.append(f"{self._common.protocol} {self._footer.protocol_version}")
        self._draw_rule(canv, FOOTER_BASELINE + 3.5 * mm, GRID, 0.6)
        canv.saveState()
        canv.setFillColor(MUTED)
        text = _fit(runs("  ·  ".join(parts)), 7.5, width - 2 * MARGIN_X - 40 * mm)
        draw_runs(canv, MARGIN_X, FOOTER_BASELINE, text, 7.5)
        canv.restoreState()

    def _draw_rule(self, canv: Canvas, y: float, colour: Any, weight: float) -> None:
        width, _ = self.pagesize
        canv.saveState()
        canv.setStrokeColor(colour)
        canv.setLineWidth(weight)
        canv.line(MARGIN_X, y, width - MARGIN_X, y)
        canv.restoreState()


Runs = list[tuple[str, str, bool]]


def _width(parts: Runs, size: float) -> float:
    return float(sum(stringWidth(text, font, size) for font, text, _ in parts))


def _fit(parts: Runs, size: float, max_width: float) -> Runs:
    """Shorten the runs (:func:`~consult_app.documents.text.runs`) with an ellipsis to fit."""
    if _width(parts, size) <= max_width:
        return parts
    kept = list(parts)
    ellipsis = (FONT_REGULAR, "…", False)
    while kept and _width([*kept, ellipsis], size) > max_width:
        font, text, shaped = kept[-1]
        kept[-1:] = [(font, text[:-1], shaped)] if len(text) > 1 else []
    return [*kept, ellipsis]


def draw_runs(
    canv: Canvas, x: float, y: float, parts: Runs, size: float, *, right: bool = False
) -> None:
    """Draw font runs on one line from ``x`` (or ending at ``x`` when ``right``)."""
    if right:
        x -= _width(parts, size)
    for font, text, shaped in parts:
        canv.setFont(font, size)
        canv.drawString(x, y, text, shaping=shaped)
        x += stringWidth(text, font, size)


def _load_logo(logo_path: str | None) -> tuple[ImageReader, float, float] | None:
    """Read the clinic logo scaled to fit the header; ``None`` (logged) when it cannot be read."""
    if not logo_path:
        return None
    try:
        reader = ImageReader(str(Path(logo_path)))
        img_w, img_h = reader.getSize()
    except Exception:  # a broken logo must not stop a patient document
        logger.warning("clinic logo could not be read; printing the header without it")
        return None
    scale = min(LOGO_MAX_WIDTH / img_w, LOGO_MAX_HEIGHT / img_h)
    return reader, img_w * scale, img_h * scale


def render_document(
    model: Any,
    build_story: Callable[[Any, Stylesheet], list[Flowable]],
    target: Path,
    font_dir: Path,
    *,
    invariant: bool = False,
) -> None:
    """Lay out one document model and write it to ``target`` atomically.

    The model is a ``HandoutModel``, ``RecordModel`` or ``DeferralModel``: each has ``page_size``,
    ``clinic``, ``common``, ``footer``, ``labels.title``/``labels.subject``, ``lang`` and
    ``patient_name``.

    Raises:
        FileNotFoundError: a bundled font is missing.
        OSError: the target folder is not writable.
    """
    from consult_app.documents._atomic import write_atomically
    from consult_app.documents.fonts import register_fonts
    from consult_app.documents.styles import build_stylesheet

    register_fonts(font_dir)
    styles = build_stylesheet()
    story = build_story(model, styles)

    def write(path: Path) -> None:
        doc = ConsultDocTemplate(
            str(path),
            styles=styles,
            page_size=model.page_size,
            clinic=model.clinic,
            common=model.common,
            footer=model.footer,
            title=model.labels.title,
            subject=model.labels.subject,
            lang=model.lang,
            running_header=f"{model.labels.title} · {model.patient_name}",
            invariant=invariant,
        )
        doc.build_story(story)

    write_atomically(target, write)
