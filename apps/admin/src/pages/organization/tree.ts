import type { Org } from "../../api/types"

/** The part of an antd tree node the organization tree relies on. */
export interface TreeNodeOf<N> {
  readonly key: string
  readonly org: Org
  children?: N[]
}

/**
 * Puts freshly loaded `children` under the node `key`. A child that was already in the tree keeps
 * the grandchildren it had loaded, so refreshing a node does not collapse what is open below it.
 */
export const setChildren = <N extends TreeNodeOf<N>>(nodes: N[], key: string, children: N[]): N[] =>
  nodes.map((n) => {
    if (n.key === key) {
      const before = new Map((n.children ?? []).map((c) => [c.key, c]))
      return {
        ...n,
        children: children.map((c) => {
          const kept = before.get(c.key)?.children
          return kept && kept.length > 0 && c.org.childCount > 0 ? { ...c, children: kept } : c
        }),
      }
    }
    return n.children ? { ...n, children: setChildren(n.children, key, children) } : n
  })

/** Replaces the organization shown at `org.id` (name, counts), keeping its loaded children. */
export const replaceOrg = <N extends TreeNodeOf<N>>(nodes: N[], org: Org, toNode: (o: Org) => N): N[] =>
  nodes.map((n) => {
    if (n.key === org.id) {
      const fresh = toNode(org)
      return n.children && org.childCount > 0 ? { ...fresh, children: n.children } : fresh
    }
    return n.children ? { ...n, children: replaceOrg(n.children, org, toNode) } : n
  })
