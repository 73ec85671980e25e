import assert from 'node:assert/strict';
import * as path from 'node:path';
import { test } from 'node:test';
import { externalSet, precisionProblems, readVerdicts, ROOT, type ReviewScope } from '../support/precision';

// The false-alarm reviews whose Dockerfiles are kept outside the repository (docs/precision.md sums
// them up). Each set's manifest and verdicts are in test/fixtures/<set>; the files are read through
// support/precision.ts (externalSet), each alone with default settings, as its review analysed them.
// A judged true finding must still be reported, a judged false alarm must stay silent unless the
// review left it open (its page says why), and a finding nobody judged fails the test.

const REVIEWS: readonly { set: string; doc: string; scope: ReviewScope }[] = [
  { set: 'precision-2', doc: 'docs/precision-2.md', scope: {} },
  { set: 'precision-3', doc: 'docs/precision-3.md', scope: { checkOptions: ['--no-config'] } },
  {
    set: 'precision-4',
    doc: 'docs/precision-4.md',
    scope: {
      checkOptions: ['--no-config'],
      leftOpen: [
        '22-gristlabs-grist-core/Dockerfile:75 relative-destination-without-workdir',
        '62-scrapinghub-splash/Dockerfile:167 package-cache-in-final-image',
      ],
    },
  },
  {
    set: 'precision-5',
    doc: 'docs/precision-5.md',
    scope: {
      checkOptions: ['--no-config'],
      leftOpen: [
        '17-imgproxy-imgproxy/Dockerfile:7 relative-destination-without-workdir',
        '80-unisonweb-unison/Dockerfile:17 secrets-used-in-arg-or-env',
      ],
    },
  },
  {
    set: 'precision-6',
    doc: 'docs/precision-6.md',
    scope: {
      checkOptions: ['--no-config'],
      leftOpen: [
        '12-openapitools-openapi-generator/Dockerfile:26 toolchain-in-final-image',
        '74-ckulka-baikal-docker/Dockerfile:6 relative-destination-without-workdir',
      ],
    },
  },
  {
    set: 'precision-7',
    doc: 'docs/precision-7.md',
    scope: {
      checkOptions: ['--no-config'],
      leftOpen: [
        '03-inbucket-inbucket/Dockerfile:5 from-platform-flag-const-disallowed',
        '52-wechaty-wechaty/Dockerfile:12 toolchain-in-final-image',
        '56-tensorzero-tensorzero/Dockerfile:40 pipe-without-pipefail',
      ],
    },
  },
  {
    set: 'precision-8',
    doc: 'docs/precision-8.md',
    scope: {
      checkOptions: ['--no-config'],
      leftOpen: [
        '01-abhinavsingh-proxy-py/Dockerfile:38 pipe-without-pipefail',
        '25-codalab-codabench/Dockerfile:13 relative-destination-without-workdir',
        '50-elementsproject-lightning/Dockerfile:159 pipe-without-pipefail',
        '50-elementsproject-lightning/Dockerfile:223 pipe-without-pipefail',
        '68-igorshubovych-markdownlint-cli/Dockerfile:9 package-cache-in-final-image',
        '77-lowlighter-metrics/Dockerfile:2 toolchain-in-final-image',
        '109-rubyforgood-human-essentials/Dockerfile:10 package-cache-in-final-image',
        '140-unitycatalog-unitycatalog/Dockerfile:2 toolchain-in-final-image',
      ],
    },
  },
  {
    set: 'precision-9',
    doc: 'docs/precision-9.md',
    scope: {
      checkOptions: ['--no-config'],
      leftOpen: [
        '01-aflplusplus-aflplusplus/Dockerfile:38 toolchain-in-final-image',
        '08-ankane-dexter/Dockerfile:5 toolchain-in-final-image',
        '56-google-tsunami-security-scanner/Dockerfile:3 base-image-latest-tag',
        '69-kellnr-kellnr/Dockerfile:5 toolchain-in-final-image',
      ],
      trueDropped: ['24-coderaiser-cloudcmd/Dockerfile:12 pipe-without-pipefail'],
    },
  },
  {
    set: 'precision-10',
    doc: 'docs/precision-10.md',
    scope: {
      checkOptions: ['--no-config'],
      leftOpen: [
        '31-ekzhang-rustpad/Dockerfile:8 from-platform-flag-const-disallowed',
        '31-ekzhang-rustpad/Dockerfile:15 from-platform-flag-const-disallowed',
        '45-kivy-buildozer/Dockerfile:49 toolchain-in-final-image',
        '52-mock-server-mockserver/Dockerfile:29 relative-destination-without-workdir',
        '57-paymenter-paymenter/Dockerfile:12 pipe-without-pipefail',
        '62-prometheus-mysqld-exporter/Dockerfile:3 base-image-latest-tag',
        '73-stitionai-devika/Dockerfile:13 toolchain-in-final-image',
        '73-stitionai-devika/Dockerfile:15 pipe-without-pipefail',
      ],
      trueDropped: ['21-cyclonedx-cdxgen/Dockerfile:89 pipe-without-pipefail'],
    },
  },
  {
    set: 'precision-11',
    doc: 'docs/precision-11.md',
    scope: {
      checkOptions: ['--no-config'],
      leftOpen: [
        '18-apache-iggy/Dockerfile:157 pipe-without-pipefail',
        '18-apache-iggy/Dockerfile:195 pipe-without-pipefail',
        '37-golang-build/Dockerfile:5 base-image-untagged',
        ...[63, 64, 65, 66, 67, 68, 69, 70, 71, 72, 73, 74, 76].map(
          (line) => `50-conan-io-conan-docker-tools/Dockerfile:${line} sudo-in-run`,
        ),
        '71-codeforamerica-vita-min/Dockerfile:28 pipe-without-pipefail',
        '97-kafbat-kafka-ui/Dockerfile:28 json-args-recommended',
        ...[8, 18, 28, 32, 50].map(
          (line) => `12-builderio-gpt-crawler/Dockerfile:${line} relative-destination-without-workdir`,
        ),
        ...[59, 62, 65, 68, 71].map(
          (line) => `99-ministryofjustice-use-of-force/Dockerfile:${line} relative-destination-without-workdir`,
        ),
      ],
    },
  },
  {
    set: 'precision-12',
    doc: 'docs/precision-12.md',
    scope: {
      checkOptions: ['--no-config'],
      leftOpen: [
        '10-home-assistant-supervisor/Dockerfile:12 package-cache-in-final-image',
        '37-dfe-digital-npq-registration/Dockerfile:7 secrets-used-in-arg-or-env',
        '59-permitio-opal/Dockerfile:94 pipe-without-pipefail',
        '62-ivanpaulovich-clean-architecture-manga/Dockerfile:20 json-args-recommended',
        '73-nextflow-io-nextflow/Dockerfile:1 toolchain-in-final-image',
        '97-reviewdog-reviewdog/Dockerfile:1 toolchain-in-final-image',
      ],
    },
  },
  {
    set: 'precision-13',
    doc: 'docs/precision-13.md',
    scope: {
      checkOptions: ['--no-config'],
      leftOpen: [
        '14-blakeblackshear-frigate/Dockerfile:275 package-cache-in-final-image',
        '34-cytopia-docker-yamllint/Dockerfile:17 pipe-without-pipefail',
        '34-cytopia-docker-yamllint/Dockerfile:41 pipe-without-pipefail',
        '37-ehrbase-ehrbase/Dockerfile:19 secrets-used-in-arg-or-env',
        '37-ehrbase-ehrbase/Dockerfile:21 secrets-used-in-arg-or-env',
        '37-ehrbase-ehrbase/Dockerfile:22 secrets-used-in-arg-or-env',
        '40-chirpstack-chirpstack-gateway-bridge/Dockerfile:1 toolchain-in-final-image',
        '53-czerwonk-junos-exporter/Dockerfile:14 json-args-recommended',
        '62-minamijoyo-tfmigrate/Dockerfile:2 base-image-latest-tag',
        '66-pawelmalak-flame/Dockerfile:29 secrets-used-in-arg-or-env',
        '73-meltano-meltano/Dockerfile:12 toolchain-in-final-image',
        '94-zendesk-samson/Dockerfile:4 toolchain-in-final-image',
      ],
    },
  },
  {
    set: 'precision-14',
    doc: 'docs/precision-14.md',
    scope: {
      checkOptions: ['--no-config'],
      leftOpen: [
        '39-dfe-digital-claim-additional-payments-for-teaching/Dockerfile:119 package-cache-in-final-image',
        '83-lfnovo-open-notebook/Dockerfile:77 pipe-without-pipefail',
        '101-openbullet-openbullet2/Dockerfile:63 package-cache-in-final-image',
      ],
    },
  },
  {
    set: 'precision-15',
    doc: 'docs/precision-15.md',
    scope: {
      checkOptions: ['--no-config'],
      leftOpen: [
        '29-cue-lang-cue/Dockerfile:1 base-image-latest-tag',
        '40-diamondlightsource-blueapi/Dockerfile:72 copy-whole-context-into-final',
        '41-docksal-service-cli/Dockerfile:351 sudo-in-run',
        '44-dreal-dreal4/Dockerfile:9 package-cache-in-final-image',
        '49-eclipse-kuksa-kuksa-databroker/Dockerfile:53 relative-destination-without-workdir',
        '49-eclipse-kuksa-kuksa-databroker/Dockerfile:54 relative-destination-without-workdir',
        '133-uselagoon-lagoon-images/8.4.Dockerfile:2 base-image-untagged',
      ],
    },
  },
  {
    set: 'precision-16',
    doc: 'docs/precision-16.md',
    scope: {
      checkOptions: ['--no-config'],
      leftOpen: [
        '106-rundeck-rundeck/Dockerfile:1 base-image-untagged',
        '109-shopware-shopware/Dockerfile:17 pipe-without-pipefail',
        '114-spinnaker-clouddriver/Dockerfile.slim:14 toolchain-in-final-image',
        '30-dfe-digital-publish-teacher-training/Dockerfile:81 json-args-recommended',
        '45-emissary-ingress-emissary/Dockerfile:8 invalid-default-arg-in-from',
        '52-gitpod-io-workspace-images/Dockerfile:72 sudo-in-run',
        '78-linera-io-linera-protocol/Dockerfile:99 pipe-without-pipefail',
        '79-loft-sh-vcluster/Dockerfile:8 secrets-used-in-arg-or-env',
        '82-mage-ai-mage-ai/Dockerfile:1 toolchain-in-final-image',
      ],
    },
  },
  {
    set: 'precision-17',
    doc: 'docs/precision-17.md',
    scope: {
      checkOptions: ['--no-config'],
      leftOpen: [
        '09-aquasecurity-tracee-2/Dockerfile.ubuntu-tracee-make:12 package-cache-in-final-image',
        '130-yelp-paasta/Dockerfile:22 package-cache-in-final-image',
        '130-yelp-paasta/Dockerfile:24 package-cache-in-final-image',
        '14-cardano-foundation-cardano-wallet/Dockerfile:77 json-args-recommended',
        '19-cnpm-cnpmjs.org/Dockerfile:1 toolchain-in-final-image',
        '27-crawlab-team-crawlab/Dockerfile:1 base-image-latest-tag',
        '27-crawlab-team-crawlab/Dockerfile:3 base-image-latest-tag',
        '40-dmlc-dgl/Dockerfile.ci_cpu:17 package-cache-in-final-image',
        '45-eprosima-fast-dds/fastdds_gcc_latest.Dockerfile:15 base-image-latest-tag',
        '48-fnproject-fn/Dockerfile:11 base-image-latest-tag',
        '71-kong-insomnia/Dockerfile:14 from-platform-flag-const-disallowed',
        '73-laradock-laradock/Dockerfile:1227 package-cache-in-final-image',
        '73-laradock-laradock/Dockerfile:1951 pipe-without-pipefail',
        '82-mlrun-mlrun/Dockerfile:39 toolchain-in-final-image',
        '89-nvidia-tensorrt/rockylinux9.Dockerfile:66 package-cache-in-final-image',
        '92-opencontainers-runc/Dockerfile:6 toolchain-in-final-image',
      ],
    },
  },
  {
    set: 'precision-18',
    doc: 'docs/precision-18.md',
    scope: {
      checkOptions: ['--no-config'],
      leftOpen: [
        '07-bpftrace-bpftrace/Dockerfile.alpine:9 toolchain-in-final-image',
        '21-dmlc-xgboost-2/Dockerfile:22 package-cache-in-final-image',
        '21-dmlc-xgboost-2/Dockerfile:47 package-cache-in-final-image',
        '21-dmlc-xgboost/Dockerfile.cpu:8 toolchain-in-final-image',
        '30-karatelabs-karate/Dockerfile:1 toolchain-in-final-image',
        '31-krayin-laravel-crm/Dockerfile:35 pipe-without-pipefail',
        '45-thedevdojo-wave/Dockerfile:1 base-image-untagged',
        '49-tiledb-inc-tiledb/Dockerfile:23 package-cache-in-final-image',
        '50-triton-inference-server-server/Dockerfile.sdk:265 pipe-without-pipefail',
      ],
    },
  },
  {
    set: 'precision-19',
    doc: 'docs/precision-19.md',
    scope: {
      checkOptions: ['--no-config'],
      leftOpen: [
        '07-apache-avro/Dockerfile:161 pipe-without-pipefail',
        '100-stackstorm-st2-dockerfiles-2/Dockerfile:58 pipe-without-pipefail',
        '100-stackstorm-st2-dockerfiles/Dockerfile:45 pipe-without-pipefail',
        '111-voxpupuli-puppetboard/Dockerfile:30 json-args-recommended',
        '114-xline-kv-xline/Dockerfile:30 pipe-without-pipefail',
        '21-copy-v86/Dockerfile:18 json-args-recommended',
        '41-elastic-elasticsearch-php/Dockerfile:7 package-cache-in-final-image',
        '47-fossasia-open-event-frontend/Dockerfile:13 secrets-used-in-arg-or-env',
        '47-fossasia-open-event-frontend/Dockerfile:15 secrets-used-in-arg-or-env',
        '56-heroku-heroku-buildpack-php/heroku-24.Dockerfile:17 package-cache-in-final-image',
        '56-heroku-heroku-buildpack-php/heroku-24.Dockerfile:26 package-cache-in-final-image',
        '56-heroku-heroku-buildpack-php/heroku-24.Dockerfile:27 package-cache-in-final-image',
        '62-joernio-joern/Dockerfile.alma8:1 base-image-latest-tag',
        '70-mapserver-mapserver/Dockerfile:161 json-args-recommended',
        '78-ocurrent-ocaml-ci/Dockerfile:3 sudo-in-run',
        '78-ocurrent-ocaml-ci/Dockerfile:4 sudo-in-run',
        '78-ocurrent-ocaml-ci/Dockerfile:7 sudo-in-run',
        '92-ruffle-rs-ruffle/Dockerfile:25 package-cache-in-final-image',
        '93-screwdriver-cd-screwdriver/Dockerfile:1 toolchain-in-final-image',
      ],
    },
  },
];

for (const { set, doc, scope } of REVIEWS) {
  test(`${set} reports exactly the judged warnings and errors (${doc})`, (t) => {
    const folder = externalSet(set);
    if (!folder) return t.skip(`${set} is missing`);
    const verdicts = readVerdicts(path.join(ROOT, 'test', 'fixtures', set, 'verdicts.tsv'));
    const problems = precisionProblems(folder, verdicts, doc, scope);
    assert.deepEqual(problems, [], problems.join('\n'));
  });
}
