import { describe, expect, it } from '@jest/globals';
import { gzipSync, zstdCompressSync } from 'node:zlib';
import { debianCopyrightLicense } from '../../../actions/sbom/src/image/debian-copyright.js';
import {
  isInteresting,
  LayeredFiles,
  packagesFromFiles,
  readLayer,
} from '../../../actions/sbom/src/image/image.js';
import { classifyLicense } from '../../../actions/sbom/src/license.js';
import { readDistInfo } from '../../../actions/sbom/src/image/installed.js';
import { readApkInstalled, readDpkgStatus } from '../../../actions/sbom/src/image/os-packages.js';
import { TarError, TarReader } from '../../../actions/sbom/src/image/tar.js';
import { LockfileError } from '../../../actions/sbom/src/model.js';

interface Entry {
  path: string;
  content?: string;
  type?: string;
}

function header(path: string, size: number, type: string, linkPath = ''): Buffer {
  const block = Buffer.alloc(512);
  block.write(path.slice(0, 100), 0);
  block.write('0000644\0', 100);
  block.write('0000000\0', 108);
  block.write('0000000\0', 116);
  block.write(size.toString(8).padStart(11, '0') + '\0', 124);
  block.write('00000000000\0', 136);
  block.write('        ', 148);
  block.write(type, 156);
  block.write(linkPath, 157);
  block.write('ustar\0', 257);
  block.write('00', 263);
  let sum = 0;
  for (const b of block) sum += b;
  block.write(sum.toString(8).padStart(6, '0') + '\0 ', 148);
  return block;
}

const pad = (data: Buffer) => Buffer.concat([data, Buffer.alloc((512 - (data.length % 512)) % 512)]);

/** A tar written here: ustar headers, PAX for paths over 100 characters. */
function tarOf(entries: Entry[]): Buffer {
  const parts: Buffer[] = [];
  for (const entry of entries) {
    const data = Buffer.from(entry.content ?? '');
    if (entry.path.length > 100) {
      const record = (k: string, v: string) => {
        const body = ` ${k}=${v}\n`;
        let length = body.length + 1;
        while (String(length).length + body.length !== length) length = String(length).length + body.length;
        return `${length}${body}`;
      };
      const pax = Buffer.from(record('path', entry.path));
      parts.push(header('PaxHeader', pax.length, 'x'), pad(pax));
    }
    parts.push(header(entry.path, entry.type === '5' ? 0 : data.length, entry.type ?? '0'));
    if (entry.type !== '5') parts.push(pad(data));
  }
  parts.push(Buffer.alloc(1024));
  return Buffer.concat(parts);
}

function streamOf(bytes: Buffer, chunk = 700): ReadableStream<Uint8Array> {
  let at = 0;
  return new ReadableStream({
    pull(controller) {
      if (at >= bytes.length) return controller.close();
      controller.enqueue(bytes.subarray(at, at + chunk));
      at += chunk;
    },
  });
}

const status = (name: string, version: string, extra = '') =>
  `Package: ${name}\nStatus: install ok installed\nArchitecture: amd64\nVersion: ${version}\n${extra}Description: ${name}\n long text\n .\n more\n`;

describe('tar reader', () => {
  it('reads ustar and PAX entries split across chunks and skips what is not wanted', () => {
    const long = `${'deep/'.repeat(30)}node_modules/x/package.json`;
    const tar = tarOf([
      { path: 'a.txt', content: 'skip me' },
      { path: 'dir/', type: '5' },
      { path: long, content: '{"name":"x","version":"1.0.0"}' },
    ]);
    const seen: string[] = [];
    const files: [string, string][] = [];
    const reader = new TarReader(
      (h) => h.path.endsWith('package.json'),
      (h, c) => files.push([h.path, c.toString()]),
      (h) => seen.push(h.path),
    );
    for (let i = 0; i < tar.length; i += 37) reader.push(tar.subarray(i, i + 37));
    reader.end();
    expect(seen).toEqual(['a.txt', 'dir/', long]);
    expect(files).toEqual([[long, '{"name":"x","version":"1.0.0"}']]);
  });

  it('rejects a damaged header and a truncated stream', () => {
    const tar = tarOf([{ path: 'a.txt', content: 'x'.repeat(600) }]);
    const damaged = Buffer.from(tar);
    damaged[10] ^= 0xff;
    expect(() =>
      new TarReader(
        () => true,
        () => {},
      ).push(damaged),
    ).toThrow(TarError);
    const reader = new TarReader(
      () => true,
      () => {},
    );
    reader.push(tar.subarray(0, 700));
    expect(() => reader.end()).toThrow(/ended inside an entry/);
  });
});

describe('layers and whiteouts', () => {
  it('keeps its own copy of a file, whose content the tar reader may hand over as a view', () => {
    const files = new LayeredFiles();
    const chunk = Buffer.from('{"name":"x"}');
    files.add({ path: 'app/package.json', type: '0', size: chunk.length } as never, chunk);
    chunk.fill(0);
    expect(files.get('app/package.json')).toBe('{"name":"x"}');
  });

  it('applies .wh. files and opaque directories to lower layers only, through gzip and zstd', async () => {
    const files = new LayeredFiles();
    const layers = [
      gzipSync(
        tarOf([
          { path: 'var/lib/dpkg/status', content: `${status('a', '1')}\n${status('b', '2')}` },
          { path: 'app/node_modules/left/package.json', content: '{"name":"left","version":"1.0.0"}' },
          { path: 'app/node_modules/gone/package.json', content: '{"name":"gone","version":"1.0.0"}' },
          { path: 'srv/node_modules/old/package.json', content: '{"name":"old","version":"1.0.0"}' },
        ]),
      ),
      zstdCompressSync(
        tarOf([
          { path: './app/node_modules/.wh.gone', content: '' },
          { path: 'srv/node_modules/.wh..wh..opq', content: '' },
          { path: 'srv/node_modules/new/package.json', content: '{"name":"new","version":"2.0.0"}' },
          { path: 'var/lib/dpkg/status', content: status('a', '1') },
        ]),
      ),
    ];
    const types = [
      'application/vnd.oci.image.layer.v1.tar+gzip',
      'application/vnd.oci.image.layer.v1.tar+zstd',
    ];
    for (const [i, layer] of layers.entries()) {
      files.layer = i;
      await readLayer(streamOf(layer), types[i], files);
    }
    expect(files.paths()).toEqual([
      'app/node_modules/left/package.json',
      'srv/node_modules/new/package.json',
      'var/lib/dpkg/status',
    ]);
    const scan = packagesFromFiles(files);
    expect(scan.packages.map((p) => p.purl).sort()).toEqual([
      'pkg:deb/debian/a@1?arch=amd64',
      'pkg:npm/left@1.0.0',
      'pkg:npm/new@2.0.0',
    ]);
  });

  it('reads lockfiles found in the image, with their sibling package.json', async () => {
    const files = new LayeredFiles();
    await readLayer(
      streamOf(
        tarOf([
          { path: 'srv/app/requirements.txt', content: 'flask==3.0.3\nrequests\n' },
          { path: 'srv/app/go.mod', content: 'module x\nrequire github.com/a/b v1.0.0\n' },
          { path: 'etc/os-release', content: 'ID=ubuntu\nVERSION_ID="24.04"\n' },
          { path: 'var/lib/dpkg/status', content: status('libc6', '2.39-0ubuntu8') },
        ]),
      ),
      'application/vnd.oci.image.layer.v1.tar',
      files,
    );
    const scan = packagesFromFiles(files);
    expect(scan.packages.map((p) => p.purl).sort()).toEqual([
      'pkg:deb/ubuntu/libc6@2.39-0ubuntu8?arch=amd64&distro=ubuntu-24.04',
      'pkg:golang/github.com/a/b@v1.0.0',
      'pkg:pypi/flask@3.0.3',
    ]);
    expect(scan.unpinned).toEqual([{ file: '/srv/app/requirements.txt', line: 2, text: 'requests' }]);
  });
});

describe('package databases', () => {
  it('dpkg: only installed packages, edges through Depends and Provides, epochs kept', () => {
    const text = [
      status('libc6', '2.36-9+deb12u7'),
      status('perl-base', '5.36.0-7', 'Provides: perlapi-5.36.0\nPre-Depends: libc6 (>= 2.35)\n'),
      status('tool', '1:2.0-1', 'Depends: perlapi-5.36.0, missing | libc6\n'),
      'Package: removed\nStatus: deinstall ok config-files\nVersion: 1\n',
    ].join('\n');
    const packages = readDpkgStatus('/var/lib/dpkg/status', text, { id: 'debian', versionId: '12' });
    expect(packages.map((p) => p.purl)).toEqual([
      'pkg:deb/debian/libc6@2.36-9%2Bdeb12u7?arch=amd64&distro=debian-12',
      'pkg:deb/debian/perl-base@5.36.0-7?arch=amd64&distro=debian-12',
      'pkg:deb/debian/tool@1:2.0-1?arch=amd64&distro=debian-12',
    ]);
    expect(packages[1].dependsOn).toEqual([packages[0].purl]);
    expect(packages[2].dependsOn).toEqual([packages[1].purl]);
    expect(() => readDpkgStatus('/s', 'Package: a\nVersion: 1\n\nVersion: 2\n', undefined)).toThrow(
      expect.objectContaining({ line: 4 }) as unknown as LockfileError,
    );
  });

  it('apk: names, versions, licenses, edges through provides', () => {
    const db = [
      'C:Q1abc=\nP:musl\nV:1.2.5-r0\nA:x86_64\nL:MIT\np:so:libc.musl-x86_64.so.1=1\n',
      'P:busybox\nV:1.36.1-r29\nA:x86_64\nL:GPL-2.0-only\nD:so:libc.musl-x86_64.so.1\n',
    ].join('\n');
    const packages = readApkInstalled('/lib/apk/db/installed', db, { id: 'alpine', versionId: '3.20.3' });
    expect(packages.map((p) => [p.purl, p.license])).toEqual([
      ['pkg:apk/alpine/musl@1.2.5-r0?arch=x86_64&distro=alpine-3.20.3', 'MIT'],
      ['pkg:apk/alpine/busybox@1.36.1-r29?arch=x86_64&distro=alpine-3.20.3', 'GPL-2.0-only'],
    ]);
    expect(packages[1].dependsOn).toEqual([packages[0].purl]);
  });

  it('Python dist-info METADATA: name, version, license and Requires-Dist edges', () => {
    const files = new Map([
      [
        'usr/lib/python3/site-packages/requests-2.32.3.dist-info/METADATA',
        'Metadata-Version: 2.1\nName: requests\nVersion: 2.32.3\nLicense: Apache-2.0\nRequires-Dist: idna (<4,>=2.5)\nRequires-Dist: PySocks (!=1.5.7,>=1.5.6) ; extra == "socks"\n\nBody\nName: not-a-header\n',
      ],
      [
        'usr/lib/python3/site-packages/idna-3.10.dist-info/METADATA',
        'Metadata-Version: 2.1\nName: idna\nVersion: 3.10\nClassifier: License :: OSI Approved :: BSD License\n',
      ],
    ]);
    const { packages } = readDistInfo(files);
    expect(packages.map((p) => [p.purl, p.license, p.dependsOn])).toEqual([
      ['pkg:pypi/requests@2.32.3', 'Apache-2.0', ['pkg:pypi/idna@3.10']],
      ['pkg:pypi/idna@3.10', 'BSD-3-Clause', []],
    ]);
  });
});

describe('Debian copyright files', () => {
  it('machine-readable ones give an SPDX expression of their License fields; free-form ones nothing', () => {
    const dep5 = [
      'Format: https://www.debian.org/doc/packaging-manuals/copyright-format/1.0/',
      'Upstream-Name: demo',
      '',
      'Files: *',
      'Copyright: 2020 A',
      'License: GPL-2+',
      '',
      'Files: lib/*',
      'License: LGPL-2.1+ or Expat',
      '',
      'Files: doc/*',
      'License: GPL-2+ and BSD-3-clause',
      '',
      'License: GPL-2+',
      ' This program is free software ...',
      '',
      'Files: vendor/*',
      'License: public-domain',
    ].join('\n');
    expect(debianCopyrightLicense(dep5)).toBe(
      'GPL-2.0-or-later AND (LGPL-2.1-or-later OR MIT) AND BSD-3-Clause AND LicenseRef-public-domain',
    );
    expect(classifyLicense(debianCopyrightLicense(dep5)!).kind).toBe('expression');
    expect(debianCopyrightLicense(dep5.split('\n').slice(0, 6).join('\n').replace('GPL-2+', 'GPL-3'))).toBe(
      'GPL-3.0-only',
    );
    expect(
      debianCopyrightLicense('This is the Debian prepackaged version of X.\nLicense: GPL\n'),
    ).toBeUndefined();
  });

  it('reads the bytes of the file: CRLF lines, any case of the field name, UTF-8 names', () => {
    const file = Buffer.from(
      [
        '',
        'Format: https://www.debian.org/doc/packaging-manuals/copyright-format/1.0/',
        '',
        'Files: *',
        'license: GPL-2+ or Licence-à-tous  ',
        'LICENSE: Expat',
        'License:',
        ' text with no name on the field line',
      ].join('\r\n'),
    );
    expect(debianCopyrightLicense(file)).toBe('(GPL-2.0-or-later OR LicenseRef-Licence-tous) AND MIT');
  });

  it("an image's dpkg packages get the license their copyright file states", () => {
    const files = new LayeredFiles();
    const add = (path: string, text: string) =>
      files.add({ path, type: '0', size: text.length } as never, Buffer.from(text));
    add(
      'var/lib/dpkg/status',
      'Package: a\nStatus: install ok installed\nVersion: 1\n\nPackage: b\nStatus: install ok installed\nVersion: 2\n',
    );
    add(
      'usr/share/doc/a/copyright',
      'Format: https://www.debian.org/doc/packaging-manuals/copyright-format/1.0/\n\nFiles: *\nLicense: Expat\n',
    );
    expect(isInteresting('usr/share/doc/a/copyright')).toBe(true);
    expect(isInteresting('usr/share/doc/a/changelog.gz')).toBe(false);
    const scan = packagesFromFiles(files);
    expect(scan.packages.map((p) => [p.name, p.license])).toEqual([
      ['a', 'MIT'],
      ['b', undefined],
    ]);
  });
});
