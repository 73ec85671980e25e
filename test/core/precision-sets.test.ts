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
        '25-codalab-codabench/Dockerfile:13 relative-destination-without-workdir',
        '68-igorshubovych-markdownlint-cli/Dockerfile:9 package-cache-in-final-image',
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
      leftOpen: ['56-google-tsunami-security-scanner/Dockerfile:3 base-image-latest-tag'],
      trueDropped: ['24-coderaiser-cloudcmd/Dockerfile:12 pipe-without-pipefail'],
    },
  },
  {
    set: 'precision-10',
    doc: 'docs/precision-10.md',
    scope: {
      checkOptions: ['--no-config'],
      leftOpen: [
        '52-mock-server-mockserver/Dockerfile:29 relative-destination-without-workdir',
        '57-paymenter-paymenter/Dockerfile:12 pipe-without-pipefail',
        '62-prometheus-mysqld-exporter/Dockerfile:3 base-image-latest-tag',
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
        '37-ehrbase-ehrbase/Dockerfile:19 secrets-used-in-arg-or-env',
        '37-ehrbase-ehrbase/Dockerfile:21 secrets-used-in-arg-or-env',
        '37-ehrbase-ehrbase/Dockerfile:22 secrets-used-in-arg-or-env',
        '62-minamijoyo-tfmigrate/Dockerfile:2 base-image-latest-tag',
        '66-pawelmalak-flame/Dockerfile:29 secrets-used-in-arg-or-env',
        '73-meltano-meltano/Dockerfile:12 toolchain-in-final-image',
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
        '30-dfe-digital-publish-teacher-training/Dockerfile:81 json-args-recommended',
        '45-emissary-ingress-emissary/Dockerfile:8 invalid-default-arg-in-from',
        '79-loft-sh-vcluster/Dockerfile:8 secrets-used-in-arg-or-env',
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
        '73-laradock-laradock/Dockerfile:1227 package-cache-in-final-image',
        '73-laradock-laradock/Dockerfile:1951 pipe-without-pipefail',
        '89-nvidia-tensorrt/rockylinux9.Dockerfile:66 package-cache-in-final-image',
      ],
    },
  },
  {
    set: 'precision-18',
    doc: 'docs/precision-18.md',
    scope: {
      checkOptions: ['--no-config'],
      leftOpen: [
        '21-dmlc-xgboost-2/Dockerfile:22 package-cache-in-final-image',
        '21-dmlc-xgboost-2/Dockerfile:47 package-cache-in-final-image',
        '45-thedevdojo-wave/Dockerfile:1 base-image-untagged',
        '49-tiledb-inc-tiledb/Dockerfile:23 package-cache-in-final-image',
      ],
    },
  },
  {
    set: 'precision-19',
    doc: 'docs/precision-19.md',
    scope: {
      checkOptions: ['--no-config'],
      leftOpen: [
        '41-elastic-elasticsearch-php/Dockerfile:7 package-cache-in-final-image',
        '47-fossasia-open-event-frontend/Dockerfile:13 secrets-used-in-arg-or-env',
        '47-fossasia-open-event-frontend/Dockerfile:15 secrets-used-in-arg-or-env',
        '56-heroku-heroku-buildpack-php/heroku-24.Dockerfile:17 package-cache-in-final-image',
        '56-heroku-heroku-buildpack-php/heroku-24.Dockerfile:26 package-cache-in-final-image',
        '56-heroku-heroku-buildpack-php/heroku-24.Dockerfile:27 package-cache-in-final-image',
        '70-mapserver-mapserver/Dockerfile:161 json-args-recommended',
        '92-ruffle-rs-ruffle/Dockerfile:25 package-cache-in-final-image',
        '93-screwdriver-cd-screwdriver/Dockerfile:1 toolchain-in-final-image',
      ],
    },
  },
  {
    set: 'precision-20',
    doc: 'docs/precision-20.md',
    scope: {
      checkOptions: ['--no-config'],
      leftOpen: [
        '102-readthedocs-readthedocs-org/Dockerfile:12 package-cache-in-final-image',
        '102-readthedocs-readthedocs-org/Dockerfile:53 package-cache-in-final-image',
        '106-seleniumbase-seleniumbase/Dockerfile:94 package-cache-in-final-image',
        '107-serverpod-serverpod/Dockerfile-tests:5 package-cache-in-final-image',
        '12-aws-aws-sam-build-images/Dockerfile-dotnet8:72 pipe-without-pipefail',
        '22-cloudflare-workerd/Dockerfile:13 package-cache-in-final-image',
        '22-cloudflare-workerd/Dockerfile:16 package-cache-in-final-image',
        '22-cloudflare-workerd/Dockerfile:6 package-cache-in-final-image',
        '26-cpp-best-practices-cmake-template/Dockerfile:51 pipe-without-pipefail',
        '28-cyberark-summon/Dockerfile:10 package-cache-in-final-image',
        '41-drogue-iot-drogue-cloud/Dockerfile:6 package-cache-in-final-image',
        '58-google-fuzzbench-2/builder.Dockerfile:16 invalid-default-arg-in-from',
        '59-google-syzkaller/Dockerfile:109 pipe-without-pipefail',
        '73-junegunn-fzf/Dockerfile:2 package-cache-in-final-image',
        '85-microsoft-botframework-composer/Dockerfile:12 pipe-without-pipefail',
      ],
    },
  },
  {
    set: 'precision-21',
    doc: 'docs/precision-21.md',
    scope: {
      checkOptions: ['--no-config'],
      leftOpen: [
        '03-alecthomas-chroma/Dockerfile:57 secrets-used-in-arg-or-env',
        '117-submariner-io-submariner/Dockerfile.submariner-gateway:38 json-args-recommended',
        '118-temporalio-docker-builds/server.Dockerfile:47 base-image-untagged',
        '12-azure-samples-todo-nodejs-mongo/Dockerfile:1 toolchain-in-final-image',
        '19-cmu-db-peloton/Dockerfile:5 package-cache-in-final-image',
        '21-contiki-ng-contiki-ng/Dockerfile:178 json-args-recommended',
        '21-contiki-ng-contiki-ng/Dockerfile:32 package-cache-in-final-image',
        '43-ensembl-ensembl-vep/Dockerfile:123 undefined-var',
        '48-esp-rs-std-training/Dockerfile:78 json-args-recommended',
        '49-federicoponzi-horust/Dockerfile:20 install-without-yes',
        '59-google-osv-dev-2/Dockerfile:15 base-image-untagged',
        '69-k0sproject-k0s-2/Dockerfile:4 package-cache-in-final-image',
        '72-kivy-python-for-android/Dockerfile:101 sudo-in-run',
        '83-nerfstudio-project-nerfstudio/Dockerfile:155 json-args-recommended',
        '92-opengoofy-hippo4j/Dockerfile:25 secrets-used-in-arg-or-env',
        '98-phongnguyend-practical-cleanarchitecture-2/Dockerfile:12 package-cache-in-final-image',
      ],
    },
  },
  {
    set: 'precision-22',
    doc: 'docs/precision-22.md',
    scope: {
      checkOptions: ['--no-config'],
      leftOpen: [
        '04-13hannes11-gtk4-rs-docker/Dockerfile:7 pipe-without-pipefail',
        '11-all-hands-ai-openhands-2/Dockerfile:49 pipe-without-pipefail',
        '11-all-hands-ai-openhands-2/Dockerfile:59 package-cache-in-final-image',
        '26-deepjavalibrary-djl-2/Dockerfile:28 relative-destination-without-workdir',
        '56-openziti-zrok-2/Dockerfile:14 package-cache-in-final-image',
        '56-openziti-zrok-2/Dockerfile:23 package-cache-in-final-image',
        '57-pact-foundation-pact-broker/Dockerfile:51 json-args-recommended',
      ],
    },
  },
  {
    set: 'precision-23',
    doc: 'docs/precision-23.md',
    scope: {
      checkOptions: ['--no-config'],
      leftOpen: [
        '04-adamrehn-ue4-docker/Dockerfile:16 invalid-default-arg-in-from',
        '04-adamrehn-ue4-docker/Dockerfile:3 invalid-default-arg-in-from',
        '110-openvinotoolkit-model-server/Dockerfile.ubuntu:21 invalid-default-arg-in-from',
        '110-openvinotoolkit-model-server/Dockerfile.ubuntu:412 invalid-default-arg-in-from',
        '12-apache-couchdb/Dockerfile:2 invalid-default-arg-in-from',
        '120-projectlombok-lombok/Dockerfile:11 relative-destination-without-workdir',
        '120-projectlombok-lombok/Dockerfile:4 relative-destination-without-workdir',
        '122-puppetlabs-bolt-2/Dockerfile:17 package-cache-in-final-image',
        '122-puppetlabs-bolt-2/Dockerfile:7 package-cache-in-final-image',
        '129-starkware-libs-stone-prover/Dockerfile:7 package-cache-in-final-image',
        '131-sul-dlss-hungry-hungry-hippo/Dockerfile:13 package-cache-in-final-image',
        '131-sul-dlss-hungry-hungry-hippo/Dockerfile:20 package-cache-in-final-image',
        '131-sul-dlss-hungry-hungry-hippo/Dockerfile:35 package-cache-in-final-image',
        '136-swoole-swoole-src-2/alpine.Dockerfile:14 package-cache-in-final-image',
        '136-swoole-swoole-src-2/alpine.Dockerfile:4 invalid-default-arg-in-from',
        '139-tensorlakeai-indexify-2/Dockerfile:5 package-cache-in-final-image',
        '146-tonarino-innernet-2/Dockerfile:28 invalid-default-arg-in-from',
        '146-tonarino-innernet-2/Dockerfile:5 invalid-default-arg-in-from',
        '150-trufflesuite-ganache/Dockerfile:13 secrets-used-in-arg-or-env',
        '155-uselagoon-lagoon/Dockerfile:31 secrets-used-in-arg-or-env',
        '155-uselagoon-lagoon/Dockerfile:33 secrets-used-in-arg-or-env',
        '155-uselagoon-lagoon/Dockerfile:34 secrets-used-in-arg-or-env',
        '155-uselagoon-lagoon/Dockerfile:35 secrets-used-in-arg-or-env',
        '155-uselagoon-lagoon/Dockerfile:6 base-image-untagged',
        '16-apache-openwhisk-runtime-nodejs/Dockerfile:18 toolchain-in-final-image',
        '161-zooniverse-aggregation-for-caesar-2/Dockerfile.bin_cmds:20 package-cache-in-final-image',
        '20-ash-project-ash-hq/Dockerfile:16 package-cache-in-final-image',
        '21-aws-aws-nitro-enclaves-cli/Dockerfile:15 package-cache-in-final-image',
        '21-aws-aws-nitro-enclaves-cli/Dockerfile:19 package-cache-in-final-image',
        '21-aws-aws-nitro-enclaves-cli/Dockerfile:50 package-cache-in-final-image',
        '21-aws-aws-nitro-enclaves-cli/Dockerfile:8 package-cache-in-final-image',
        '35-ceramicnetwork-rust-ceramic/Dockerfile:1 base-image-latest-tag',
        '38-clearlydefined-crawler/Dockerfile:4 toolchain-in-final-image',
        '64-elifesciences-journal/Dockerfile:3 base-image-latest-tag',
        '64-elifesciences-journal/Dockerfile:4 base-image-latest-tag',
        '65-elifesciences-journal-2/Dockerfile.ci:17 relative-destination-without-workdir',
        '65-elifesciences-journal-2/Dockerfile.ci:18 relative-destination-without-workdir',
        '65-elifesciences-journal-2/Dockerfile.ci:19 relative-destination-without-workdir',
        '65-elifesciences-journal-2/Dockerfile.ci:20 relative-destination-without-workdir',
        '65-elifesciences-journal-2/Dockerfile.ci:21 relative-destination-without-workdir',
        '65-elifesciences-journal-2/Dockerfile.ci:22 relative-destination-without-workdir',
        '65-elifesciences-journal-2/Dockerfile.ci:3 base-image-latest-tag',
        '65-elifesciences-journal-2/Dockerfile.ci:4 base-image-latest-tag',
        '66-elixir-lsp-elixir-ls/Dockerfile:17 json-args-recommended',
        '67-elixir-nx-xla/Dockerfile:63 pipe-without-pipefail',
        '67-elixir-nx-xla/Dockerfile:76 package-cache-in-final-image',
        '72-feldera-feldera-2/Dockerfile:17 package-cache-in-final-image',
        '72-feldera-feldera-2/Dockerfile:50 package-cache-in-final-image',
        '72-feldera-feldera-2/Dockerfile:62 package-cache-in-final-image',
        '76-googlecloudplatform-php-docker-2/Dockerfile:128 package-cache-in-final-image',
        '76-googlecloudplatform-php-docker-2/Dockerfile:132 package-cache-in-final-image',
        '76-googlecloudplatform-php-docker-2/Dockerfile:26 package-cache-in-final-image',
        '80-hmcts-nfdiv-frontend/Dockerfile:15 relative-destination-without-workdir',
        '80-hmcts-nfdiv-frontend/Dockerfile:5 relative-destination-without-workdir',
        '84-jitsi-excalidraw-backend/Dockerfile:1 toolchain-in-final-image',
        '90-langfuse-langfuse/Dockerfile:201 json-args-recommended',
        '91-langfuse-langfuse-2/Dockerfile:26 package-cache-in-final-image',
        '95-meilisearch-meilisearch/Dockerfile:46 json-args-recommended',
        '96-mfem-mfem/Dockerfile:1 base-image-latest-tag',
        '97-mfem-mfem-2/Dockerfile.base:5 package-cache-in-final-image',
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
