"""SchemaRegistry: the project's manifest, folders of official XSDs, picking and compiling."""

from __future__ import annotations

from pathlib import Path

import pytest
from lxml import etree

from edo_app.errors import InputError
from edo_app.schemas.registry import (
    PROJECT_XSD_DIR,
    DocumentKey,
    SchemaRegistry,
    default_registry,
    load_manifest,
    read_official_xsd,
)
from tests.oracles import FNS_XSD, UPD503_BUYER, UPD503_SELLER, require

MINI_ID = "ON_TESTDOC_A1_B2_20261101_0f0e0d0c-0b0a-4998-8776-655443322110"

MINI_XSD = """<?xml version="1.0" encoding="UTF-8"?>
<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema"
  xmlns:sch="http://purl.oclc.org/dsdl/schematron"
  xmlns:usch="http://www.unisoftware.ru/schematron-extensions">
 <xs:element name="Файл">
  <xs:annotation><xs:appinfo>
   <sch:pattern name="Имя файла"><sch:rule context="Файл">
    <sch:assert test="usch:getFileName() = @ИдФайл">
     <usch:error code="0400400007" path="@ИдФайл">Имя файла не совпадает с ИдФайл</usch:error>
    </sch:assert>
   </sch:rule></sch:pattern>
  </xs:appinfo></xs:annotation>
  <xs:complexType>
   <xs:sequence>
    <xs:element name="Документ">
     <xs:complexType>
      <xs:sequence>
       <xs:element name="Сторона" maxOccurs="unbounded">
        <xs:complexType>
         <xs:attribute name="ИННЮЛ">
          <xs:simpleType><xs:restriction base="xs:string"><xs:length value="10"/></xs:restriction></xs:simpleType>
         </xs:attribute>
        </xs:complexType>
       </xs:element>
       <xs:element name="Итог" type="xs:string"/>
      </xs:sequence>
      <xs:attribute name="КНД" type="КНДТип" use="required"/>
      <xs:attribute name="ДатаДок">
       <xs:simpleType><xs:restriction base="xs:string">
        <xs:pattern value="(0[1-9]|[12][0-9]|3[01])\\.(0[1-9]|1[0-2])\\.(19|20)[0-9]{2}"/>
       </xs:restriction></xs:simpleType>
      </xs:attribute>
      <xs:attribute name="Вид">
       <xs:simpleType><xs:restriction base="xs:string">
        <xs:enumeration value="А"/><xs:enumeration value="Б"/>
       </xs:restriction></xs:simpleType>
      </xs:attribute>
      <xs:attribute name="Имя">
       <xs:simpleType><xs:restriction base="xs:string">
        <xs:minLength value="1"/><xs:maxLength value="5"/>
       </xs:restriction></xs:simpleType>
      </xs:attribute>
      <xs:attribute name="Кол">
       <xs:simpleType><xs:restriction base="xs:decimal">
        <xs:minExclusive value="0"/><xs:fractionDigits value="2"/><xs:totalDigits value="6"/>
       </xs:restriction></xs:simpleType>
      </xs:attribute>
     </xs:complexType>
    </xs:element>
   </xs:sequence>
   <xs:attribute name="ИдФайл" type="xs:string" use="required"/>
   <xs:attribute name="ВерсФорм" use="required">
    <xs:simpleType><xs:restriction base="xs:string"><xs:enumeration value="@VERSION@"/></xs:restriction></xs:simpleType>
   </xs:attribute>
  </xs:complexType>
 </xs:element>
 <xs:simpleType name="КНДТип">
  <xs:restriction base="xs:string"><xs:length value="7"/><xs:enumeration value="9999001"/></xs:restriction>
 </xs:simpleType>
</xs:schema>
"""


def write_mini_xsd(path: Path, version: str = "1.00") -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(MINI_XSD.replace("@VERSION@", version), encoding="utf-8")
    return path


def mini_doc(
    *, file_id: str = MINI_ID, version: str = "1.00", knd: str | None = "9999001", document: str = "",
    body: str = '<Сторона ИННЮЛ="7752601811"/><Итог>1</Итог>',
) -> bytes:
    knd_attr = f' КНД="{knd}"' if knd is not None else ""
    return (
        f'<?xml version="1.0" encoding="UTF-8"?>\n<Файл ИдФайл="{file_id}" ВерсФорм="{version}">\n'
        f"<Документ{knd_attr}{document}>{body}</Документ>\n</Файл>\n"
    ).encode()


def write_project(folder: Path, extra: str = "") -> Path:
    """A project folder: manifest.toml + the mini XSD."""
    write_mini_xsd(folder / "test" / "mini.xsd")
    (folder / "manifest.toml").write_text(
        '[[schema]]\nid = "test-mini"\nfile = "test/mini.xsd"\nprefix = "ON_TESTDOC"\nknd = "9999001"\n'
        f'version = "1.00"\ntitle = "Тестовый документ"\nact = "нет"\n{extra}',
        encoding="utf-8",
    )
    return folder


def tree_of(data: bytes) -> etree._ElementTree:
    return etree.ElementTree(etree.fromstring(data))


# --- the project's manifest ---------------------------------------------------------------


def test_manifest_entries_carry_every_field(tmp_path: Path) -> None:
    (entry,) = load_manifest(write_project(tmp_path))
    assert (entry.id, entry.prefix, entry.version, entry.knd) == ("test-mini", "ON_TESTDOC", "1.00", "9999001")
    assert entry.path == tmp_path / "test" / "mini.xsd"
    assert (entry.title, entry.act, entry.official, entry.root) == ("Тестовый документ", "нет", False, "Файл")


def test_no_manifest_means_no_project_schemas(tmp_path: Path) -> None:
    assert SchemaRegistry(tmp_path).entries == ()


@pytest.mark.parametrize(
    ("text", "fragment"),
    [
        ("[[schema]\n", "не читается"),
        ('schema = "x"\n', "[[schema]]"),
        ('[[schema]]\nid = "a"\nfile = "nope.xsd"\nprefix = "P"\nversion = "1"\n', "не найден"),
        ('[[schema]]\nid = "a"\nfile = "test/mini.xsd"\nprefix = "P"\n', "version"),
        ('[[schema]]\nid = "a"\nfile = "test/mini.xsd"\nprefix = "P"\nversion = 5\n', "строкой"),
        ('[[schema]]\nid = "a"\nfile = "test/mini.xsd"\nprefix = "P"\nversion = "1"\nverison = "1"\n', "verison"),
    ],
)
def test_broken_manifest_is_an_input_error_naming_it(tmp_path: Path, text: str, fragment: str) -> None:
    write_mini_xsd(tmp_path / "test" / "mini.xsd")
    (tmp_path / "manifest.toml").write_text(text, encoding="utf-8")
    with pytest.raises(InputError) as caught:
        SchemaRegistry(tmp_path)
    assert "manifest.toml" in str(caught.value)
    assert fragment in str(caught.value)


def test_project_folder_defaults_next_to_the_package() -> None:
    assert PROJECT_XSD_DIR.name == "xsd"
    assert (PROJECT_XSD_DIR.parent / "edo_app").is_dir()


def test_the_projects_own_manifest_loads_and_compiles() -> None:
    if not (PROJECT_XSD_DIR / "manifest.toml").exists():
        pytest.skip("xsd/manifest.toml is not written yet")
    registry = SchemaRegistry()
    assert registry.entries, "the manifest lists no schemas"
    for entry in registry.entries:
        assert not entry.official
        assert registry.compiled(entry).xsd is not None


# --- official FNS XSDs --------------------------------------------------------------------


def test_official_file_describes_itself(tmp_path: Path) -> None:
    entry = read_official_xsd(write_mini_xsd(tmp_path / "ON_TESTDOC_1_999_01_01_00_01.xsd"))
    assert (entry.id, entry.prefix, entry.version, entry.knd) == (
        "ON_TESTDOC_1_999_01_01_00_01", "ON_TESTDOC", "1.00", "9999001",
    )
    assert entry.official and entry.root == "Файл" and entry.namespace == ""


@pytest.mark.parametrize(
    ("name", "content", "fragment"),
    [
        ("ON_JUNK_1_999_01_01_00_01.xsd", "это не XML", "не является XML"),
        ("ON_JUNK_1_999_01_01_00_01.xsd", "<root/>", "не является XML-схемой"),
        ("notes.xsd", MINI_XSD, "не похоже на официальную схему"),
        ("ON_JUNK_1_999_01_01_00_01.xsd", '<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema"/>', "нет корневого"),
        (
            "ON_JUNK_1_999_01_01_00_01.xsd",
            '<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema"><xs:element name="Файл"/></xs:schema>',
            "ВерсФорм",
        ),
    ],
)
def test_a_bad_file_in_the_folder_is_a_problem_naming_it(
    tmp_path: Path, name: str, content: str, fragment: str
) -> None:
    write_mini_xsd(tmp_path / "ON_TESTDOC_1_999_01_01_00_01.xsd")
    (tmp_path / name).write_text(content.replace("@VERSION@", "1.00"), encoding="utf-8")
    registry = SchemaRegistry(None, [tmp_path])
    assert [e.id for e in registry.entries] == ["ON_TESTDOC_1_999_01_01_00_01"]  # the good one still loads
    (problem,) = registry.problems
    assert name in problem and fragment in problem
    with pytest.raises(InputError, match=fragment):
        read_official_xsd(tmp_path / name)


def test_a_missing_folder_is_a_problem_not_a_crash(tmp_path: Path) -> None:
    registry = SchemaRegistry(None, [tmp_path / "nowhere"])
    assert registry.entries == ()
    assert "nowhere" in registry.problems[0]


def test_subfolders_are_scanned_and_the_newest_revision_wins(tmp_path: Path) -> None:
    write_mini_xsd(tmp_path / "a" / "ON_TESTDOC_1_999_01_01_00_01.xsd")
    write_mini_xsd(tmp_path / "b" / "ON_TESTDOC_1_999_01_01_00_03.xsd")
    write_mini_xsd(tmp_path / "b" / "ON_TESTDOC_1_999_01_02_00_01.xsd", version="2.00")
    ids = sorted(e.id for e in SchemaRegistry(None, [tmp_path]).entries)
    assert ids == ["ON_TESTDOC_1_999_01_01_00_03", "ON_TESTDOC_1_999_01_02_00_01"]


def test_all_official_oracle_schemas_load() -> None:
    require(FNS_XSD)
    registry = SchemaRegistry(None, [FNS_XSD])
    assert registry.problems == ()
    by_id = {e.id: e for e in registry.entries}
    seller, buyer = by_id[UPD503_SELLER.stem], by_id[UPD503_BUYER.stem]
    assert (seller.prefix, seller.version, seller.knd) == ("ON_NSCHFDOPPR", "5.03", "1115131")
    assert (buyer.prefix, buyer.version, buyer.knd) == ("ON_NSCHFDOPPOK", "5.03", "1115132")
    poa = by_id["ON_EMCHD_1_928_00_01_01_01"]
    assert (poa.root, poa.namespace) == ("Доверенность", "urn://x-artefacts/EMCHD_1")
    assert (poa.version, poa.knd) == ("EMCHD_1", "")
    assert by_id["DP_PRANNUL_1_985_00_01_01_02"].knd == ""  # ПоА has no КНД: picked by prefix


# --- picking schemas for a document -------------------------------------------------------


@pytest.fixture
def both(tmp_path: Path) -> SchemaRegistry:
    project = write_project(tmp_path / "project")
    write_mini_xsd(tmp_path / "official" / "ON_TESTDOC_1_999_01_01_00_01.xsd")
    return SchemaRegistry(project, [tmp_path / "official"])


def test_a_document_matches_project_and_official_schemas_project_first(both: SchemaRegistry) -> None:
    assert [e.id for e in both.find(tree_of(mini_doc()))] == ["test-mini", "ON_TESTDOC_1_999_01_01_00_01"]


def test_without_knd_the_file_id_prefix_decides(both: SchemaRegistry) -> None:
    assert len(both.find(tree_of(mini_doc(knd=None)))) == 2
    assert both.find(tree_of(mini_doc(knd=None, file_id="ON_OTHER_A_B_20261101_x"))) == ()


def test_knd_decides_over_a_wrong_prefix(both: SchemaRegistry) -> None:
    assert len(both.find(tree_of(mini_doc(file_id="ON_TYPO_A_B_20261101_x")))) == 2
    assert both.find(tree_of(mini_doc(knd="9999002"))) == ()


def test_version_and_root_must_match(both: SchemaRegistry) -> None:
    assert both.find(tree_of(mini_doc(version="2.00"))) == ()
    other_root = tree_of(f'<Документ ИдФайл="{MINI_ID}" ВерсФорм="1.00" КНД="9999001"/>'.encode())
    assert both.find(other_root) == ()
    assert both.versions_of(DocumentKey.of(tree_of(mini_doc(version="2.00")))) == ["1.00"]


def test_official_upd_schemas_pick_by_version(tmp_path: Path) -> None:
    require(FNS_XSD)
    registry = SchemaRegistry(None, [FNS_XSD])
    for version, expected in (("5.01", "_05_01_03"), ("5.02", "_05_02_01"), ("5.03", "_05_03_05")):
        xml = f'<Файл ИдФайл="ON_NSCHFDOPPR_A_B" ВерсФорм="{version}"><Документ КНД="1115131"/></Файл>'
        doc = tree_of(xml.encode())
        (entry,) = registry.find(doc)
        assert entry.id.endswith(expected)


def test_get_finds_by_id_and_refuses_unknown(both: SchemaRegistry) -> None:
    assert both.get("test-mini").prefix == "ON_TESTDOC"
    with pytest.raises(InputError, match="не зарегистрирована"):
        both.get("nope")


# --- compiling ----------------------------------------------------------------------------


def test_compiled_once_and_cached(both: SchemaRegistry) -> None:
    entry = both.get("test-mini")
    first = both.compiled(entry)
    assert both.compiled(entry) is first
    assert first.xsd.validate(tree_of(mini_doc()))


def test_an_xsd_that_does_not_compile_is_an_input_error(tmp_path: Path) -> None:
    bad = tmp_path / "ON_BROKEN_1_999_01_01_00_01.xsd"
    bad.write_text(MINI_XSD.replace("@VERSION@", "1.00").replace('type="КНДТип"', 'type="НетТакогоТипа"'),
                   encoding="utf-8")
    registry = SchemaRegistry(None, [tmp_path])
    with pytest.raises(InputError, match="не может быть загружена"):
        registry.compiled(registry.entries[0])


def test_schemas_are_never_fetched_from_the_network(tmp_path: Path) -> None:
    remote = MINI_XSD.replace("@VERSION@", "1.00").replace(
        "<xs:element name=\"Файл\">",
        '<xs:import namespace="urn:x" schemaLocation="http://example.invalid/x.xsd"/>\n<xs:element name="Файл">',
    )
    (tmp_path / "ON_REMOTE_1_999_01_01_00_01.xsd").write_text(remote, encoding="utf-8")
    registry = SchemaRegistry(None, [tmp_path])
    with pytest.raises(InputError, match="из сети не выполняется"):
        registry.compiled(registry.entries[0])


def test_rules_are_compiled_with_the_schema(both: SchemaRegistry) -> None:
    compiled = both.compiled(both.get("test-mini"))
    assert compiled.rules.rule_count >= 1


def test_default_registry_is_shared_and_default_with_folders_is_new(tmp_path: Path) -> None:
    assert default_registry() is default_registry()
    assert SchemaRegistry.default() is default_registry()
    write_mini_xsd(tmp_path / "ON_TESTDOC_1_999_01_01_00_01.xsd")
    extra = SchemaRegistry.default([tmp_path])
    assert extra is not default_registry()
    assert "ON_TESTDOC_1_999_01_01_00_01" in [e.id for e in extra.entries]
