#!/usr/bin/env bash
# Writes the code Wolverine runs for each message handler into src/Mosovo.Api/Internal/Generated, which is
# committed: the API runs it in every environment (TypeLoadMode.Static) and compiles nothing at run time. Run it
# after adding or changing a handler; a handler without its generated code stops the API's start, so every test
# fails until it is run. Needs no database.
set -euo pipefail
cd "$(dirname "$0")/.."
rm -rf src/Mosovo.Api/Internal/Generated
dotnet build src/Mosovo.Api -c Release -v quiet -nologo
ASPNETCORE_ENVIRONMENT=Development ConnectionStrings__Mosovo="Host=127.0.0.1;Database=codegen-needs-no-database" \
  dotnet run --project src/Mosovo.Api -c Release --no-build --no-launch-profile -- codegen write
dotnet build src/Mosovo.Api -c Release -v quiet -nologo
