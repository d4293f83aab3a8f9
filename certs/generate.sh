#!/usr/bin/env bash
# Makes a development CA and a serving certificate for hookwright.
#
#   certs/generate.sh [DIR] [NAMESPACE] [SERVICE]
#
# Writes DIR/ca.crt, DIR/ca.key, DIR/tls.crt and DIR/tls.key (default DIR: certs/dev).
# The serving certificate names the in-cluster Service (SERVICE.NAMESPACE.svc and
# SERVICE.NAMESPACE.svc.cluster.local) and localhost / 127.0.0.1 for `make run`.
# Keys never leave DIR; certs/.gitignore keeps them out of git.
set -euo pipefail

dir=${1:-"$(cd "$(dirname "$0")" && pwd)/dev"}
namespace=${2:-hookwright}
service=${3:-hookwright}
days=${CERT_DAYS:-365}

command -v openssl >/dev/null || { echo "generate.sh: openssl is required (apt-get install -y openssl)" >&2; exit 1; }
mkdir -p "$dir"
umask 077
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes \
  -keyout "$work/ca.key" -out "$work/ca.crt" -days "$days" \
  -subj "/O=hookwright/CN=hookwright development CA" \
  -addext "basicConstraints=critical,CA:TRUE" \
  -addext "keyUsage=critical,keyCertSign,cRLSign" 2>/dev/null

openssl req -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes \
  -keyout "$work/tls.key" -out "$work/tls.csr" \
  -subj "/O=hookwright/CN=$service.$namespace.svc" 2>/dev/null

cat > "$work/ext.cnf" <<EXT
basicConstraints=critical,CA:FALSE
keyUsage=critical,digitalSignature,keyEncipherment
extendedKeyUsage=serverAuth
subjectAltName=DNS:$service.$namespace.svc,DNS:$service.$namespace.svc.cluster.local,DNS:localhost,IP:127.0.0.1
EXT

openssl x509 -req -in "$work/tls.csr" -CA "$work/ca.crt" -CAkey "$work/ca.key" \
  -CAcreateserial -out "$work/tls.crt" -days "$days" -extfile "$work/ext.cnf" 2>/dev/null

# Keys are written last and moved into place so a reloading server never sees
# a certificate without its key.
chmod 600 "$work/ca.key" "$work/tls.key"
chmod 644 "$work/ca.crt" "$work/tls.crt"
mv "$work/ca.key" "$work/ca.crt" "$dir/"
mv "$work/tls.key" "$dir/tls.key.new" && mv "$work/tls.crt" "$dir/tls.crt.new"
mv "$dir/tls.key.new" "$dir/tls.key" && mv "$dir/tls.crt.new" "$dir/tls.crt"
echo "generate.sh: wrote $dir/{ca.crt,tls.crt,tls.key} for $service.$namespace.svc, localhost, 127.0.0.1"
