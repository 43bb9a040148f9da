export const id = 880;
export const ids = [880];
export const modules = {

/***/ 93880:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   spdxJson: () => (/* binding */ spdxJson)
/* harmony export */ });
/* harmony import */ var _license_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(93304);
/* harmony import */ var _model_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(52514);


const CHECKSUM = {
    MD5: 'MD5',
    'SHA-1': 'SHA1',
    'SHA-256': 'SHA256',
    'SHA-384': 'SHA384',
    'SHA-512': 'SHA512',
};
function spdxRef(text) {
    return `SPDXRef-${text.replace(/[^A-Za-z0-9.-]+/g, '-')}`;
}
function spdxJson(options) {
    const ordered = (0,_model_js__WEBPACK_IMPORTED_MODULE_1__/* .inPurlOrder */ .$$)(options.packages); // SPDX ids number the packages in this order
    const { subject } = options;
    const extracted = new Map();
    const declared = (text) => {
        if (!text)
            return 'NOASSERTION';
        const license = (0,_license_js__WEBPACK_IMPORTED_MODULE_0__/* .classifyLicense */ .K)(text);
        if (license.kind === 'id')
            return license.id;
        if (license.kind === 'expression')
            return license.expression;
        const id = `LicenseRef-${license.name.replace(/[^A-Za-z0-9.-]+/g, '-')}`;
        extracted.set(id, license.name);
        return id;
    };
    const idByPurl = new Map();
    ordered.forEach((pkg, i) => idByPurl.set(pkg.purl, spdxRef(`Package-${i + 1}-${pkg.name}`)));
    const rootId = spdxRef('Root');
    const packageEntry = (pkg) => ({
        SPDXID: idByPurl.get(pkg.purl),
        name: pkg.name,
        versionInfo: pkg.version,
        downloadLocation: 'NOASSERTION',
        filesAnalyzed: false,
        licenseConcluded: 'NOASSERTION',
        licenseDeclared: declared(pkg.license),
        copyrightText: 'NOASSERTION',
        primaryPackagePurpose: 'LIBRARY',
        sourceInfo: `read from ${pkg.foundIn}`,
        ...(pkg.hashes.length && {
            checksums: pkg.hashes.map((h) => ({ algorithm: CHECKSUM[h.algorithm], checksumValue: h.content })),
        }),
        externalRefs: [
            { referenceCategory: 'PACKAGE-MANAGER', referenceType: 'purl', referenceLocator: pkg.purl },
        ],
    });
    const root = {
        SPDXID: rootId,
        name: subject.name,
        ...(subject.version && { versionInfo: subject.version }),
        downloadLocation: 'NOASSERTION',
        filesAnalyzed: false,
        licenseConcluded: 'NOASSERTION',
        licenseDeclared: 'NOASSERTION',
        copyrightText: 'NOASSERTION',
        primaryPackagePurpose: subject.kind === 'image' ? 'CONTAINER' : 'APPLICATION',
        ...(subject.digest && {
            checksums: [{ algorithm: 'SHA256', checksumValue: subject.digest.replace(/^sha256:/, '') }],
        }),
        ...(subject.purl && {
            externalRefs: [
                { referenceCategory: 'PACKAGE-MANAGER', referenceType: 'purl', referenceLocator: subject.purl },
            ],
        }),
    };
    const packages = [root, ...ordered.map(packageEntry)];
    const byPurl = new Map(ordered.map((p) => [p.purl, p]));
    const relationships = [
        { spdxElementId: 'SPDXRef-DOCUMENT', relationshipType: 'DESCRIBES', relatedSpdxElement: rootId },
    ];
    for (const purl of options.directDependencies) {
        const id = idByPurl.get(purl);
        if (!id)
            continue;
        relationships.push(byPurl.get(purl)?.scope === 'optional'
            ? { spdxElementId: id, relationshipType: 'DEV_DEPENDENCY_OF', relatedSpdxElement: rootId }
            : { spdxElementId: rootId, relationshipType: 'DEPENDS_ON', relatedSpdxElement: id });
    }
    for (const pkg of ordered)
        for (const dep of pkg.dependsOn) {
            const id = idByPurl.get(dep);
            if (id && dep !== pkg.purl)
                relationships.push({
                    spdxElementId: idByPurl.get(pkg.purl),
                    relationshipType: 'DEPENDS_ON',
                    relatedSpdxElement: id,
                });
        }
    const name = `${subject.name}${subject.version ? `@${subject.version}` : ''}`;
    return {
        spdxVersion: 'SPDX-2.3',
        dataLicense: 'CC0-1.0',
        SPDXID: 'SPDXRef-DOCUMENT',
        name,
        documentNamespace: `https://spdx.org/spdxdocs/${encodeURIComponent(options.tool.name)}/${encodeURIComponent(subject.name)}-${options.serialNumber}`,
        creationInfo: {
            created: options.timestamp.toISOString().replace(/\.\d{3}Z$/, 'Z'),
            creators: [`Tool: ${options.tool.name}-${options.tool.version}`],
        },
        documentDescribes: [rootId],
        packages,
        relationships,
        ...(extracted.size && {
            hasExtractedLicensingInfos: [...extracted].map(([licenseId, text]) => ({
                licenseId,
                extractedText: text,
                name: text,
            })),
        }),
    };
}


/***/ })

};

//# sourceMappingURL=880.index.js.map