#!/usr/bin/env python3
"""Writes the hostile workbooks, CSV folders and CycloneDX files of
Tests/SupplyXMLTests/Corpus/data-in/ (their expected errors are in EXPECTED.tsv).

    python3 Tools/make_data_in_corpus.py

Deterministic: the archives are dated 1 January 1980.
"""
import os
import struct
import zipfile

OUT = os.path.join(os.path.dirname(__file__), "..", "Tests", "SupplyXMLTests", "Corpus", "data-in")
MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
PKG = "http://schemas.openxmlformats.org/package/2006/relationships"


def cell(ref, text):
    if isinstance(text, (int, float)):
        return f'<c r="{ref}"><v>{text}</v></c>'
    return f'<c r="{ref}" t="inlineStr"><is><t>{text}</t></is></c>'


def sheet_xml(rows):
    out = [f'<worksheet xmlns="{MAIN}"><sheetData>']
    for r, row in enumerate(rows, start=1):
        out.append(f'<row r="{r}">' + "".join(cell(chr(65 + c) + str(r), v) for c, v in enumerate(row) if v != "") + "</row>")
    out.append("</sheetData></worksheet>")
    return "".join(out)


def workbook(path, sheets, extra=(), strings=None, raw_sheets=None):
    """sheets: [(name, rows)]; raw_sheets: {name: xml} overrides; extra: [(entry, bytes)]."""
    raw_sheets = raw_sheets or {}
    # A workbook that holds a map has the tables a map needs: header rows only where not given.
    if any(n == "items" for n, _ in sheets):
        needed = {"bom": ["parent", "item", "quantity"], "suppliers": ["id"], "supplies": ["supplier", "item"]}
        sheets = list(sheets) + [(n, [h]) for n, h in needed.items() if n not in [m for m, _ in sheets]]
    parts = [("_rels/.rels", f'<Relationships xmlns="{PKG}"><Relationship Id="rId1" Type="{REL}/officeDocument" Target="xl/workbook.xml"/></Relationships>')]
    names = [n for n, _ in sheets]
    parts.append(("xl/workbook.xml", f'<workbook xmlns="{MAIN}" xmlns:r="{REL}"><sheets>'
                  + "".join(f'<sheet name="{n}" sheetId="{k + 1}" r:id="rId{k + 1}"/>' for k, n in enumerate(names)) + "</sheets></workbook>"))
    rels = "".join(f'<Relationship Id="rId{k + 1}" Type="{REL}/worksheet" Target="worksheets/sheet{k + 1}.xml"/>' for k in range(len(names)))
    if strings is not None:
        rels += f'<Relationship Id="rIdS" Type="{REL}/sharedStrings" Target="sharedStrings.xml"/>'
        parts.append(("xl/sharedStrings.xml", f'<sst xmlns="{MAIN}">' + "".join(f"<si><t>{s}</t></si>" for s in strings) + "</sst>"))
    parts.append(("xl/_rels/workbook.xml.rels", f'<Relationships xmlns="{PKG}">{rels}</Relationships>'))
    for k, (name, rows) in enumerate(sheets):
        parts.append((f"xl/worksheets/sheet{k + 1}.xml", raw_sheets.get(name) or sheet_xml(rows)))
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        for name, text in list(parts) + list(extra):
            info = zipfile.ZipInfo(name, date_time=(1980, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            z.writestr(info, text)


def patch_declared_size(path, entry, size):
    """Rewrites the uncompressed size `entry` declares, in its local header and the central directory."""
    data = bytearray(open(path, "rb").read())
    name = entry.encode()
    # (signature, offset of the name's length, offset of the name, offset of the size field)
    for signature, length_at, name_at, size_at in ((b"PK\x03\x04", 26, 30, 22), (b"PK\x01\x02", 28, 46, 24)):
        at = data.find(signature)
        while at >= 0:
            n = struct.unpack_from("<H", data, at + length_at)[0]
            if data[at + name_at:at + name_at + n] == name:
                struct.pack_into("<I", data, at + size_at, size)
            at = data.find(signature, at + 4)
    open(path, "wb").write(bytes(data))


def write(name, text, binary=False):
    path = os.path.join(OUT, name)
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "wb") as f:
        f.write(text if binary else text.encode())


def main():
    os.makedirs(OUT, exist_ok=True)
    items = [["id", "kind", "name"], ["ugv", "system", "Unmanned ground vehicle"], ["ti-sponge", "material", "Titanium sponge"]]
    suppliers = [["id", "country"], ["vsmpo", "RU"]]
    # The example of the article "The supply-chain XML format": an unknown item in supplies!C12.
    supplies = [["notes", "supplier", "item", "share"]] + [["", "vsmpo", "ti-sponge", ""]] * 10 + [["", "vsmpo", "ti-spong", ""]]
    workbook(os.path.join(OUT, "unknown-item.xlsx"), [("items", items), ("suppliers", suppliers), ("supplies", supplies)])
    # A decimal comma in a share.
    workbook(os.path.join(OUT, "decimal-comma.xlsx"), [("items", items), ("suppliers", suppliers),
                                                         ("supplies", [["supplier", "item", "share"], ["vsmpo", "ti-sponge", "0,6"]])])
    # A shared string index beyond the table.
    raw = f'<worksheet xmlns="{MAIN}"><sheetData><row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c></row>' \
          f'<row r="2"><c r="A2" t="s"><v>2</v></c><c r="B2" t="s"><v>99</v></c></row></sheetData></worksheet>'
    workbook(os.path.join(OUT, "shared-string-out-of-range.xlsx"), [("items", [])], strings=["id", "kind", "m"], raw_sheets={"items": raw})
    # A path out of the archive (zip slip).
    workbook(os.path.join(OUT, "zip-slip.xlsx"), [("items", items)], extra=[("../../../tmp/chokepoint-evil.xml", "<evil/>")])
    # A ZIP bomb that says what it is: a part declaring 3 GiB.
    workbook(os.path.join(OUT, "zip-bomb-declared.xlsx"), [("items", items)])
    patch_declared_size(os.path.join(OUT, "zip-bomb-declared.xlsx"), "xl/worksheets/sheet1.xml", 3 << 30)
    # A ZIP bomb that lies: 64 MiB of white space inside the sheet (65 KB deflated), declared as 1,000 bytes.
    bomb = f'<worksheet xmlns="{MAIN}"><sheetData>' + " " * (64 << 20) + "</sheetData></worksheet>"
    workbook(os.path.join(OUT, "zip-bomb-lying.xlsx"), [("items", [])], raw_sheets={"items": bomb})
    patch_declared_size(os.path.join(OUT, "zip-bomb-lying.xlsx"), "xl/worksheets/sheet1.xml", 1000)
    # A CycloneDX BOM that declares an entity to read a file.
    write("cyclonedx-entity.xml", '<?xml version="1.0"?>\n<!DOCTYPE bom [\n  <!ENTITY secret SYSTEM "file:///etc/passwd">\n]>\n'
          '<bom xmlns="http://cyclonedx.org/schema/bom/1.6">\n  <components>\n    <component type="device" bom-ref="a"><name>&secret;</name></component>\n'
          '  </components>\n</bom>\n')
    # A CycloneDX dependency on nothing.
    write("cyclonedx-broken-ref.xml", '<?xml version="1.0"?>\n<bom xmlns="http://cyclonedx.org/schema/bom/1.7">\n  <components>\n'
          '    <component type="device" bom-ref="radar"><name>Radar</name></component>\n'
          '    <component type="device" bom-ref="tr-module"><name>T/R module</name></component>\n  </components>\n'
          '  <dependencies>\n    <dependency ref="radar">\n      <dependency ref="tr-modul"/>\n    </dependency>\n  </dependencies>\n</bom>\n')
    # CSV: a NUL byte; a quoted line end (the error after it is on its real line).
    write("csv-nul/items.csv", b"id,kind\nugv,sys\x00tem\n", binary=True)
    write("csv-quoted-newline/items.csv", 'id,kind,name\r\nugv,system,"Unmanned\r\nground vehicle"\r\nti-sponge,materal,Titanium sponge\r\n')
    # The tables a folder that holds a map needs, header rows only.
    for folder in ("csv-nul", "csv-quoted-newline"):
        write(f"{folder}/bom.csv", "parent,item,quantity\r\n")
        write(f"{folder}/suppliers.csv", "id\r\n")
        write(f"{folder}/supplies.csv", "supplier,item\r\n")


if __name__ == "__main__":
    main()
