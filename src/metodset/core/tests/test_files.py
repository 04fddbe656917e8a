"""What may be uploaded (type by extension and content, size per kind) and where it is kept."""

import pytest
from django.core.checks import Error
from django.core.exceptions import ValidationError
from django.core.files.storage import default_storage
from django.http import Http404

from metodset.core import files
from metodset.core.files import (
    DOCUMENT_TEMPLATE,
    EVENT_MATERIAL,
    IMPORT_FILE,
    MEETING_ATTACHMENT,
    ORDER,
    PD_CERTIFICATE,
    UPLOAD_KINDS,
    RandomName,
    UploadCheck,
    check_upload,
    download_name,
    private_storage,
)
from metodset.core.tests.files import (
    CSV,
    DOC,
    HTML,
    JPG,
    PDF,
    PNG,
    docx,
    odt,
    plain_zip,
    pptx,
    upload,
    xlsx,
)

# A real file of each type (ODS/ODP/XLS/PPT share their family's first bytes).
SAMPLES = {
    "pdf": PDF,
    "docx": docx(),
    "odt": odt(),
    "ods": odt("spreadsheet"),
    "odp": odt("presentation"),
    "doc": DOC,
    "xls": DOC,
    "ppt": DOC,
    "xlsx": xlsx(),
    "pptx": pptx(),
    "jpg": JPG,
    "jpeg": JPG,
    "png": PNG,
    "zip": plain_zip(),
    "csv": CSV,
}
KINDS = list(UPLOAD_KINDS.values())


def _kind_id(value) -> str | None:
    return value.folder if isinstance(value, files.UploadKind) else None


class TestOrderUpload:
    @pytest.mark.parametrize(
        ("name", "content"),
        [
            ("приказ.pdf", PDF),
            ("ПРИКАЗ.PDF", PDF),
            ("приказ.docx", docx()),
            ("приказ.odt", odt()),
            ("приказ.doc", DOC),
            ("скан.jpg", JPG),
            ("скан.jpeg", JPG),
            ("скан.png", PNG),
        ],
        ids=["pdf", "pdf-upper", "docx", "odt", "doc", "jpg", "jpeg", "png"],
    )
    def test_it_accepts_real_files(self, name, content):
        check_upload(upload(name, content), ORDER)

    @pytest.mark.parametrize(
        "name", ["приказ.txt", "приказ.exe", "приказ.html", "приказ", "приказ.pdf.exe"]
    )
    def test_it_refuses_other_types_by_extension(self, name):
        with pytest.raises(ValidationError) as error:
            check_upload(upload(name, PDF), ORDER)
        assert error.value.messages == ["Загрузите файл PDF, DOCX, DOC, ODT, JPG или PNG."]

    @pytest.mark.parametrize(
        ("name", "content"),
        [
            ("приказ.pdf", b"just text, not a PDF"),
            ("приказ.pdf", b""),
            ("приказ.docx", PDF),
            ("приказ.docx", xlsx()),
            ("приказ.docx", b"PK\x03\x04 broken zip"),
            ("приказ.odt", docx()),
            ("приказ.doc", docx()),
            ("скан.jpg", PNG),
            ("скан.png", JPG),
        ],
        ids=[
            "text-as-pdf",
            "empty-pdf",
            "pdf-as-docx",
            "xlsx-as-docx",
            "broken-zip",
            "docx-as-odt",
            "docx-as-doc",
            "png-as-jpg",
            "jpg-as-png",
        ],
    )
    def test_it_refuses_a_file_whose_content_is_another_type(self, name, content):
        with pytest.raises(ValidationError) as error:
            check_upload(upload(name, content), ORDER)
        extension = name.rsplit(".", 1)[1]
        assert error.value.messages == [f"Файл не является настоящим файлом .{extension}."]

    def test_it_refuses_a_file_over_10_mb(self):
        with pytest.raises(ValidationError) as error:
            check_upload(upload("приказ.pdf", PDF + b"0" * (11 * 1024 * 1024)), ORDER)
        assert error.value.messages == ["Файл больше 10 МБ."]

    def test_it_accepts_exactly_10_mb(self):
        check_upload(upload("приказ.pdf", PDF + b"0" * (ORDER.max_bytes - len(PDF))), ORDER)

    def test_it_leaves_the_file_ready_to_be_read_from_the_start(self):
        uploaded = upload("приказ.docx", docx())
        check_upload(uploaded, ORDER)
        assert uploaded.read(4) == b"PK\x03\x04"


class TestEveryKind:
    @pytest.mark.parametrize(
        ("kind", "extension"),
        [(kind, extension) for kind in KINDS for extension in kind.extensions],
        ids=lambda value: value if isinstance(value, str) else _kind_id(value),
    )
    def test_it_accepts_a_real_file_of_each_type(self, kind, extension):
        check_upload(upload(f"файл.{extension}", SAMPLES[extension]), kind)

    @pytest.mark.parametrize(
        ("kind", "extension"),
        [(kind, extension) for kind in KINDS for extension in kind.extensions],
        ids=lambda value: value if isinstance(value, str) else _kind_id(value),
    )
    def test_it_refuses_a_web_page_under_any_accepted_name(self, kind, extension):
        with pytest.raises(ValidationError) as error:
            check_upload(upload(f"страница.{extension}", HTML), kind)
        assert error.value.code == "file_content"
        assert error.value.messages == [f"Файл не является настоящим файлом .{extension}."]

    @pytest.mark.parametrize("kind", KINDS, ids=_kind_id)
    def test_it_refuses_a_file_over_the_kind_limit(self, kind):
        extension = kind.extensions[0]
        content = SAMPLES[extension] + b"0" * kind.max_bytes
        with pytest.raises(ValidationError) as error:
            check_upload(upload(f"большой.{extension}", content), kind)
        assert error.value.code == "file_size"
        assert error.value.messages == [f"Файл больше {kind.max_mb} МБ."]

    @pytest.mark.parametrize("kind", KINDS, ids=_kind_id)
    def test_it_refuses_an_executable(self, kind):
        with pytest.raises(ValidationError) as error:
            check_upload(upload("run.exe", b"MZ\x90\x00"), kind)
        assert error.value.code == "file_type"

    @pytest.mark.parametrize(
        ("kind", "message"),
        [
            (PD_CERTIFICATE, "Загрузите файл PDF, JPG или PNG."),
            (EVENT_MATERIAL, "Загрузите файл PDF, DOCX, PPTX, XLSX, ODT, ODP, JPG, PNG или ZIP."),
            (IMPORT_FILE, "Загрузите файл XLSX или CSV."),
            (DOCUMENT_TEMPLATE, "Загрузите файл DOCX."),
        ],
        ids=_kind_id,
    )
    def test_it_names_the_accepted_types_in_russian(self, kind, message):
        with pytest.raises(ValidationError) as error:
            check_upload(upload("файл.txt", b"text"), kind)
        assert error.value.messages == [message]

    def test_the_limits_per_kind(self):
        limits = {kind.folder: kind.max_mb for kind in KINDS}
        assert limits == {
            "orders": 10,
            "meetings": 20,
            "document-templates": 5,
            "growth/certificates": 10,
            "events/materials": 20,
            "imports": 20,
            "portfolio": 20,  # registered by the portfolio app (portfolio/files.py)
            "library": 25,  # registered by the library app (the bank of materials)
            "proposals/drafts": 20,  # registered by the proposals app (draft acts, issue #16)
            "associations/reports": 20,  # a network group's result report (issue #17)
        }
        assert MEETING_ATTACHMENT.max_bytes == 20 * 1024 * 1024

    @pytest.mark.parametrize(
        "content", [b"a;b\x00c\n", b"  <html><body>x</body></html>", b"\xef\xbb\xbf<svg/>"]
    )
    def test_a_csv_is_text_and_not_a_web_page(self, content):
        with pytest.raises(ValidationError, match=r"настоящим файлом \.csv"):
            check_upload(upload("учителя.csv", content), IMPORT_FILE)

    def test_a_windows_1251_csv_is_text(self):
        check_upload(upload("учителя.csv", "Фамилия;Имя\n".encode("cp1251")), IMPORT_FILE)


class TestModelValidator:
    def test_it_checks_a_new_upload(self):
        with pytest.raises(ValidationError):
            UploadCheck(PD_CERTIFICATE.folder)(upload("удостоверение.pdf", HTML))

    def test_it_leaves_a_stored_file_alone(self):
        class Stored:
            name = "growth/certificates/2025/x.pdf"
            _committed = True

        UploadCheck(PD_CERTIFICATE.folder)(Stored())

    def test_it_deconstructs_for_migrations(self):
        assert UploadCheck("orders") == UploadCheck("orders") != UploadCheck("meetings")
        assert RandomName("orders").deconstruct() == (
            "metodset.core.files.RandomName",
            ("orders",),
            {},
        )


class TestNames:
    def test_a_stored_name_tells_nothing_and_keeps_the_type(self):
        name = RandomName("growth/certificates")(None, "Удостоверение Ивановой М.П..PDF")
        stored = name.rsplit("/", 1)[1]
        assert name.startswith("growth/certificates/2025/")
        assert "Иванов" not in name
        assert stored.endswith(".pdf") and len(stored) == 32 + 4
        assert RandomName("orders")(None, "скан.pdf") != RandomName("orders")(None, "скан.pdf")
        assert "." not in RandomName("orders")(None, "скан.p d;f").rsplit("/", 1)[1]

    @pytest.mark.parametrize(
        ("title", "stored", "expected"),
        [
            ("Приказ № 157 от 09.09.2024", "orders/2024/ab.pdf", "Приказ № 157 от 09.09.2024.pdf"),
            ('План: "сетевой"/2025', "x/2025/c.docx", "План- -сетевой--2025.docx"),
            ("Иванова М. П.", "x/2025/c.png", "Иванова М. П.png"),
            ("Строка\r\nвторая", "", "Строка вторая"),
            ("...", "x/2025/c.pdf", "file.pdf"),
        ],
    )
    def test_a_download_name_is_safe(self, title, stored, expected):
        assert download_name(title, stored) == expected


class TestPrivateStorage:
    def test_it_keeps_files_outside_media_root(self, settings, private_files):
        assert private_storage.location == str(private_files.resolve())
        assert not private_storage.location.startswith(str(settings.MEDIA_ROOT))

    def test_it_gives_no_public_url(self):
        with pytest.raises(ValueError):
            private_storage.url("orders/2024/x.pdf")

    def test_the_default_storage_is_private_too(self, private_files):
        with pytest.raises(ValueError):
            default_storage.url("x.pdf")
        assert default_storage.location == str(private_files.resolve())

    @pytest.mark.parametrize("setting", ["STATIC_ROOT", "MEDIA_ROOT"])
    def test_the_system_check_refuses_a_served_folder(self, settings, tmp_path, setting):
        setattr(settings, setting, tmp_path)
        settings.PRIVATE_MEDIA_ROOT = tmp_path / "private"
        errors = files.check_private_root(None)
        assert [e.id for e in errors] == ["metodset.E001"]
        assert isinstance(errors[0], Error)

    def test_the_system_check_accepts_a_separate_folder(self, private_files):
        assert files.check_private_root(None) == []


class TestFileResponse:
    def test_it_refuses_a_record_without_a_file(self):
        with pytest.raises(Http404):
            files.file_response(None, "x.pdf")
