"""What may be attached to an order: type by extension and content, size, private storage."""

import pytest
from django.core.exceptions import ValidationError

from metodset.acts.files import MAX_SIZE, check_upload, private_storage
from metodset.acts.tests.files import DOC, JPG, PDF, PNG, docx, odt, upload, xlsx


class TestCheckUpload:
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
        check_upload(upload(name, content))

    @pytest.mark.parametrize(
        "name", ["приказ.txt", "приказ.exe", "приказ.html", "приказ", "приказ.pdf.exe"]
    )
    def test_it_refuses_other_types_by_extension(self, name):
        with pytest.raises(ValidationError) as error:
            check_upload(upload(name, PDF))
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
            check_upload(upload(name, content))
        extension = name.rsplit(".", 1)[1]
        assert error.value.messages == [f"Файл не является настоящим файлом .{extension}."]

    def test_it_refuses_a_file_over_10_mb(self):
        with pytest.raises(ValidationError) as error:
            check_upload(upload("приказ.pdf", PDF + b"0" * (11 * 1024 * 1024)))
        assert error.value.messages == ["Файл больше 10 МБ."]

    def test_it_accepts_exactly_10_mb(self):
        check_upload(upload("приказ.pdf", PDF + b"0" * (MAX_SIZE - len(PDF))))

    def test_it_leaves_the_file_ready_to_be_read_from_the_start(self):
        uploaded = upload("приказ.docx", docx())
        check_upload(uploaded)
        assert uploaded.read(4) == b"PK\x03\x04"


class TestPrivateStorage:
    def test_it_keeps_files_outside_media_root(self, settings, private_files):
        assert private_storage.location == str(private_files.resolve())
        assert not private_storage.location.startswith(str(settings.MEDIA_ROOT))

    def test_it_gives_no_public_url(self):
        with pytest.raises(ValueError):
            private_storage.url("orders/2024/x.pdf")
