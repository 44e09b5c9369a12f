from __future__ import annotations

from flask_babel import lazy_gettext as _l
from wtforms import RadioField
from wtforms.validators import InputRequired

from portal.forms import PortalForm
from portal.models import TextSize

TEXT_SIZE_LABELS = {
    TextSize.STANDARD: _l("Standard text"),
    TextSize.LARGER: _l("Larger text"),
}


class TextSizeForm(PortalForm):
    text_size = RadioField(
        _l("Choose your text size"),
        choices=[(size.value, label) for size, label in TEXT_SIZE_LABELS.items()],
        validators=[InputRequired(message=_l("Choose standard text or larger text"))],
    )

    def chosen(self) -> TextSize:
        return TextSize(self.text_size.data)
