/** A NetworkPolicy admitting `from` pods to `app` pods on `port`, as a YAML document. */
export function policyYaml(
  namespace: string,
  name: string,
  options: { described?: boolean; app?: string; from?: string; port?: number } = {},
): string {
  const annotations = options.described
    ? `  annotations:\n    netpol-review/description: Lets ${options.from ?? "web"} reach ${options.app ?? "db"}.\n`
    : "";
  return `apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: ${name}
  namespace: ${namespace}
${annotations}spec:
  podSelector:
    matchLabels:
      app: ${options.app ?? "db"}
  policyTypes: [Ingress]
  ingress:
    - from:
        - podSelector:
            matchLabels:
              app: ${options.from ?? "web"}
      ports:
        - port: ${options.port ?? 5432}
`;
}

export function deploymentYaml(namespace: string, name: string, app = name, port = 8080): string {
  return `apiVersion: apps/v1
kind: Deployment
metadata:
  name: ${name}
  namespace: ${namespace}
spec:
  selector:
    matchLabels:
      app: ${app}
  template:
    metadata:
      labels:
        app: ${app}
    spec:
      containers:
        - name: ${name}
          image: example/${name}:1
          ports:
            - containerPort: ${port}
              name: http
`;
}
