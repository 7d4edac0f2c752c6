// The apiextensions group's resources, in discovery order.
import type { ResourceDef } from '../types.ts';
import { customResourceDefinitionResource } from './customresourcedefinition/resource.ts';

export const apiextensionsResources = [customResourceDefinitionResource] as unknown as ResourceDef[];
