"""A generated file handed to the browser under its Russian name."""

from urllib.parse import quote

from django.http import HttpResponse

# Letters for the ASCII fallback name; «-» drops ъ and ь.
LATIN = dict(
    zip(
        "абвгдеёжзийклмнопрстуфхцчшщъыьэюя",
        (
            *("a", "b", "v", "g", "d", "e", "e", "zh", "z", "i", "y", "k", "l", "m", "n", "o"),
            *("p", "r", "s", "t", "u", "f", "kh", "ts", "ch", "sh", "shch", "-", "y", "-"),
            *("e", "yu", "ya"),
        ),
        strict=True,
    )
)


def ascii_name(name: str) -> str:
    """«Протокол № 3» → «Protokol_N_3»: the fallback name for clients without RFC 5987."""
    out = []
    for char in name:
        latin = LATIN.get(char.lower())
        if latin is not None:
            latin = "" if latin == "-" else latin
            out.append(latin.capitalize() if char.isupper() else latin)
        elif char == "№":
            out.append("N")
        elif char.isascii() and (char.isalnum() or char in "._-"):
            out.append(char)
        else:
            out.append("_")
    return "_".join(part for part in "".join(out).split("_") if part) or "document"


def attachment(content: bytes, name: str, extension: str, content_type: str) -> HttpResponse:
    """The file with an ASCII name and the Russian one in RFC 5987 `filename*`."""
    response = HttpResponse(content, content_type=content_type)
    filename = f"{name}.{extension}"
    response["Content-Disposition"] = (
        f'attachment; filename="{ascii_name(name)}.{extension}"; '
        f"filename*=UTF-8''{quote(filename)}"
    )
    response["Cache-Control"] = "private, no-store"
    return response
