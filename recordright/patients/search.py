"""Finding a patient by name as a person types it: accents and case do not matter.

"garcia" finds García, "nunez" finds Núñez, "MULLER" finds Müller, on SQLCipher and on
PostgreSQL alike: the key is computed here, in Python, and stored beside the name
(``Patient.search_name``), so no database collation or extension is needed.
"""

from __future__ import annotations

import unicodedata


def search_key(text: str) -> str:
    """Compatibility-decompose (NFKD), drop the combining marks, casefold, one space."""
    decomposed = unicodedata.normalize("NFKD", text or "")
    bare = "".join(char for char in decomposed if not unicodedata.combining(char))
    return " ".join(bare.casefold().split())


def patient_search_key(full_name: str, former_names: str = "") -> str:
    """The stored key: the name and the former names (a maiden name finds the patient too)."""
    return search_key(f"{full_name} {former_names}")
