"""``application/vnd.edo-frames``: a JSON header line, then raw parts whose lengths it gives."""

from __future__ import annotations

import pytest

from edo_app.transport.frames import FramesError, pack, unpack

ZIP = b"PK\x03\x04\n\x00binary\nwith line feeds\x00"


@pytest.mark.parametrize("parts", [[], [b""], [ZIP, b"", ZIP * 3]])
def test_a_header_and_parts_come_back_as_packed(parts: list[bytes]) -> None:
    header = {"next_cursor": "7", "events": [{"kind": "ПДП", "part": 0}]}
    assert unpack(pack(header, parts), 10) == (header, parts)


def test_the_header_is_one_line_of_json_with_the_sizes() -> None:
    body = pack({"текст": "с\nпереводом строки"}, [ZIP, b"ab"])
    head, rest = body.split(b"\n", 1)
    assert head == '{"текст":"с\\nпереводом строки","sizes":[29,2]}'.encode()
    assert rest == ZIP + b"ab"


@pytest.mark.parametrize(("body", "message"), [
    (b"", "нет заголовка"),
    (b"PK\x03\x04", "нет заголовка"),
    (b"{not json\n", "не JSON"),
    (b"\xff\xfe\n", "не JSON"),
    (b"[1, 2]\n", "не объект JSON"),
    (b"{}\n", "sizes"),
    (b'{"sizes": "3"}\nabc', "sizes"),
    (b'{"sizes": [-1]}\n', "sizes"),
    (b'{"sizes": [true]}\nx', "sizes"),
    (b'{"sizes": [1.0]}\nx', "sizes"),
    (b'{"sizes": [1, 1, 1]}\nabc', "не больше 2"),
    (b'{"sizes": [2]}\nabc', "не сходятся"),
    (b'{"sizes": [4]}\nabc', "не сходятся"),
])
def test_a_body_that_does_not_add_up_is_refused_in_russian(body: bytes, message: str) -> None:
    with pytest.raises(FramesError, match=message):
        unpack(body, 2)
