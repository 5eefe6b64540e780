"""One kind's own part of the request form, built from its data file
(resources/services/<kind>.toml): its fields, the papers the customer brought, and a
line beside each field for the reason it was refused."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from desktop.service_kinds import Kind, banks
from ui.widgets.inline_error import InlineError


class KindForm(QWidget):
    #: anything typed or chosen (the dialog saves the draft a moment later)
    changed = Signal()

    def __init__(self, kind: Kind, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.kind = kind
        self.setObjectName(f"kindForm_{kind.key}")
        self.inputs: dict[str, QWidget] = {}
        self.errors: dict[str, QLabel] = {}
        self.paper_boxes: dict[str, QCheckBox] = {}
        self.unit: QComboBox | None = None
        form = QFormLayout(self)
        form.setContentsMargins(0, 0, 0, 0)
        for spec in kind.fields:
            widget: QWidget
            if spec.type == "choice":
                combo = QComboBox()
                combo.addItem("", "")
                for choice in spec.rules.get("choices", []):
                    combo.addItem(choice, choice)
                widget = combo
            elif spec.type == "bank":
                combo = QComboBox()
                combo.addItem("", "")
                for bank in banks().values():
                    combo.addItem(bank.name, bank.code)
                widget = combo
            elif spec.type == "bool":
                widget = QCheckBox(spec.label + (" *" if spec.required else ""))
            else:
                line = QLineEdit()
                if spec.type == "date":
                    line.setPlaceholderText("dd/mm/yyyy")
                widget = line
            widget.setObjectName(f"field_{spec.name}")
            if isinstance(widget, QLineEdit):
                widget.textEdited.connect(self.changed)
            elif isinstance(widget, QComboBox):
                widget.currentIndexChanged.connect(self.changed)
            elif isinstance(widget, QCheckBox):
                widget.toggled.connect(self.changed)
            self.inputs[spec.name] = widget
            holder = QWidget()
            row = QHBoxLayout(holder)
            row.setContentsMargins(0, 0, 0, 0)
            row.addWidget(widget, 1)
            if spec.type == "threshold":
                self.unit = QComboBox()
                self.unit.setObjectName(f"field_{spec.name}_unit")
                for unit in spec.rules.get("units", ["kWh"]):
                    self.unit.addItem(unit, unit)
                row.addWidget(self.unit)
            error = InlineError(f"error_{spec.name}")  # red, bold, shown only when it says
            self.errors[spec.name] = error
            if isinstance(widget, QLineEdit):
                widget.textEdited.connect(lambda text, e=error: clear_when_empty(text, e))
            box = QVBoxLayout()
            box.addWidget(holder)
            box.addWidget(error)
            label = spec.label + (" *" if spec.required else "")
            form.addRow("" if spec.type == "bool" else label, box)
        if kind.papers:
            papers = QWidget()
            papers.setObjectName("papers")
            column = QVBoxLayout(papers)
            column.setContentsMargins(0, 0, 0, 0)
            for paper in kind.papers:
                box_ = QCheckBox(paper.label + (" *" if paper.required else ""))
                box_.setObjectName(f"paper_{paper.key}")
                self.paper_boxes[paper.key] = box_
                box_.toggled.connect(self.changed)
                column.addWidget(box_)
            error = InlineError("error_papers")
            self.errors["papers"] = error
            column.addWidget(error)
            self.inputs["papers"] = next(iter(self.paper_boxes.values()))
            form.addRow(self.tr("Giấy tờ khách mang theo"), papers)

    def details(self) -> dict[str, str | bool]:
        """What is typed, as text (a tick box as a bool): the core parses and checks it."""
        out: dict[str, str | bool] = {}
        for spec in self.kind.fields:
            widget = self.inputs[spec.name]
            if isinstance(widget, QCheckBox):
                out[spec.name] = widget.isChecked()
            elif isinstance(widget, QComboBox):
                out[spec.name] = str(widget.currentData() or "")
            elif isinstance(widget, QLineEdit):
                out[spec.name] = widget.text()
            if spec.type == "threshold" and self.unit is not None:
                out[f"{spec.name}_unit"] = str(self.unit.currentData())
        return out

    def restore(self, details: dict[str, object], papers: list[object]) -> None:
        """A draft's values back in their fields."""
        for spec in self.kind.fields:
            widget, value = self.inputs[spec.name], details.get(spec.name)
            if isinstance(widget, QCheckBox):
                widget.setChecked(bool(value))
            elif isinstance(widget, QComboBox):
                index = widget.findData(value)
                widget.setCurrentIndex(max(index, 0))
            elif isinstance(widget, QLineEdit) and isinstance(value, str):
                widget.setText(value)
            if spec.type == "threshold" and self.unit is not None:
                self.unit.setCurrentIndex(max(self.unit.findData(details.get(
                    f"{spec.name}_unit")), 0))
        for key, box in self.paper_boxes.items():
            box.setChecked(key in papers)

    def papers(self) -> tuple[str, ...]:
        return tuple(k for k, box in self.paper_boxes.items() if box.isChecked())

    def show_error(self, field: str, message: str) -> bool:
        """The reason beside its field, focus there; False when the field is not here."""
        if field not in self.errors:
            return False
        self.errors[field].setText(message)
        self.inputs[field].setFocus()
        return True

    def clear_errors(self) -> None:
        for label in self.errors.values():
            label.setText("")


def clear_when_empty(text: str, error: QLabel) -> None:
    """A field emptied (a refused date taken out) no longer carries its refusal's line."""
    if not text.strip():
        error.setText("")
