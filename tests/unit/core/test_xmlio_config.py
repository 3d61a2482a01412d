from __future__ import annotations

from pathlib import Path

import pytest

from edo_app import config
from edo_app.errors import ConfigError, XmlInputError
from edo_app.xmlio import parse_bytes, read_file

LAUGHS = b"""<?xml version="1.0"?>
<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">]>
<lolz>&lol2;</lolz>"""


@pytest.mark.parametrize(
    ("data", "needle"),
    [
        (b"", "пуст"),
        (b"not xml at all", "не является корректным XML"),
        (b"<a><b></a>", "строка 1"),
        (LAUGHS, "DOCTYPE"),
        (b'<?xml version="1.0" encoding="nope"?><a/>', "не является корректным XML"),
        (b'<?xml version="1.0" encoding="utf-8"?><a>\xff\xfe</a>', "не является корректным XML"),
    ],
)
def test_hostile_or_broken_input_gets_a_clear_error(data: bytes, needle: str) -> None:
    with pytest.raises(XmlInputError) as err:
        parse_bytes(data, name="x.xml")
    assert needle in str(err.value)


def test_external_entity_is_never_read(tmp_path: Path) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("SECRET")
    data = f'<!DOCTYPE a [<!ENTITY x SYSTEM "file://{secret}">]><a>&x;</a>'.encode()
    with pytest.raises(XmlInputError):
        parse_bytes(data)


def test_size_limit(tmp_path: Path) -> None:
    big = tmp_path / "big.xml"
    big.write_bytes(b"<a>" + b"x" * 2000 + b"</a>")
    with pytest.raises(XmlInputError) as err:
        read_file(big, max_bytes=1000)
    assert "слишком большой" in str(err.value)
    data, tree = read_file(big, max_bytes=10_000)
    assert tree.getroot().tag == "a" and data.startswith(b"<a>")


def test_windows_1251_is_read() -> None:
    text = '<?xml version="1.0" encoding="windows-1251"?><Файл ИдФайл="Х"/>'
    tree = parse_bytes(text.encode("cp1251"))
    assert tree.getroot().get("ИдФайл") == "Х"


def test_missing_file_is_input_error(tmp_path: Path) -> None:
    with pytest.raises(XmlInputError):
        read_file(tmp_path / "absent.xml")


def test_settings_round_trip_and_unknown_keys(tmp_path: Path) -> None:
    path = tmp_path / "settings.toml"
    assert config.load(path) == config.Settings()
    wanted = config.Settings(database_url='postgresql://u@h/"db"', max_xml_bytes=1000)
    config.save(wanted, path)
    assert config.load(path) == wanted
    path.write_text('colour = "red"\n', encoding="utf-8")
    with pytest.raises(ConfigError) as err:
        config.load(path)
    assert err.value.field == "colour"
    path.write_text("max_xml_bytes = \"many\"\n", encoding="utf-8")
    with pytest.raises(ConfigError):
        config.load(path)
    path.write_text("max_xml_bytes = \n", encoding="utf-8")
    with pytest.raises(ConfigError):
        config.load(path)


def test_data_dir_override(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(config.ENV_DATA_DIR, str(tmp_path))
    assert config.data_dir() == tmp_path
