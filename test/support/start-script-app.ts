/**
 * A Rails app on the slim ruby image with a C compiler for its native gems, started by a script of
 * its build context (`docker/entrypoint.sh`): what that script starts decides whether the
 * compilers ship on purpose. Shared by the command line and the language server tests.
 */
export const RAILS_APP_WITH_START_SCRIPT = [
  'FROM ruby:3.4-slim',
  'RUN apt-get update && apt-get install -y --no-install-recommends build-essential libpq-dev && rm -rf /var/lib/apt/lists/*',
  'WORKDIR /app',
  'COPY Gemfile Gemfile.lock ./',
  'RUN bundle install',
  'COPY . .',
  'CMD ["docker/entrypoint.sh"]',
  '',
].join('\n');
