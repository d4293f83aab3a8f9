#!/usr/bin/env bash
# Makes the throw-away PKI of one end-to-end cluster in DIR (the tests call it under target/e2e/):
#   ca.crt/ca.key              the cluster CA: signs everything below; the API server trusts it for
#                              client certificates and hookwright's webhook configurations carry it
#   apiserver.crt/.key         kube-apiserver's serving certificate (127.0.0.1, localhost, kubernetes.default.svc)
#   admin.crt/.key/.pk8.key    the tests' identity, CN=e2e-admin in group system:masters
#   webhook.crt/.key           hookwright's serving certificate (127.0.0.1, localhost)
#   sa.key/sa.pub              the service-account token signing key pair
# Nothing here is ever committed: DIR is under target/, and every run makes new keys.
set -euo pipefail
dir=${1:?usage: pki.sh DIR}
command -v openssl >/dev/null || { echo "pki.sh: openssl is required" >&2; exit 1; }
mkdir -p "$dir"
cd "$dir"
umask 077

ec() { openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256 -out "$1" 2>/dev/null; }

ec ca.key
openssl req -x509 -new -key ca.key -out ca.crt -days 2 -subj "/CN=hookwright-e2e-ca" \
  -addext "basicConstraints=critical,CA:TRUE" -addext "keyUsage=critical,keyCertSign,cRLSign" 2>/dev/null

# leaf NAME SUBJECT EXTENDED_KEY_USAGE [SUBJECT_ALT_NAMES]
leaf() {
  local name=$1 subject=$2 usage=$3 san=${4:-}
  ec "$name.key"
  openssl req -new -key "$name.key" -out "$name.csr" -subj "$subject" 2>/dev/null
  {
    echo "basicConstraints=critical,CA:FALSE"
    echo "keyUsage=critical,digitalSignature,keyEncipherment"
    echo "extendedKeyUsage=$usage"
    [[ -n "$san" ]] && echo "subjectAltName=$san"
  } > "$name.ext"
  openssl x509 -req -in "$name.csr" -CA ca.crt -CAkey ca.key -CAcreateserial -out "$name.crt" \
    -days 2 -extfile "$name.ext" 2>/dev/null
  rm -f "$name.csr" "$name.ext"
}

leaf apiserver "/CN=kube-apiserver" serverAuth \
  "IP:127.0.0.1,IP:10.0.0.1,DNS:localhost,DNS:kubernetes,DNS:kubernetes.default,DNS:kubernetes.default.svc,DNS:kubernetes.default.svc.cluster.local"
leaf admin "/O=system:masters/CN=e2e-admin" clientAuth
leaf webhook "/CN=hookwright-e2e-webhook" serverAuth "IP:127.0.0.1,DNS:localhost"

# The admin key also in SEC1 form ("EC PRIVATE KEY"), the form kubeconfig readers such as
# fabric8 parse; admin.pk8.key keeps PKCS#8 for the JDK's own key loading.
cp admin.key admin.pk8.key
openssl ec -in admin.pk8.key -out admin.key 2>/dev/null

openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -out sa.key 2>/dev/null
openssl pkey -in sa.key -pubout -out sa.pub 2>/dev/null
rm -f ca.srl
